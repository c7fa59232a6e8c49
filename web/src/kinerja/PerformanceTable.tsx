import type { ActivityPerformance } from '../../../src/contract/performance';
import { t } from '../i18n';
import { heatOf, sharePercent, workingDuration } from './heat';

/** The figures per activity; a row chosen (click or Enter) drills down like a click on the diagram. */
export function PerformanceTable({ activities, selected, onSelect }: { activities: ActivityPerformance[]; selected: string | null; onSelect: (id: string) => void }) {
  const cols = ['activity', 'standard', 'done', 'onTime', 'late', 'median', 'p90', 'max', 'wait'];
  return (
    <>
      <h3>{t('kinerja.table')}</h3>
      <div class="table-wrap">
        <table class="kinerja-table" data-testid="kinerja-table">
          <thead>
            <tr>
              {cols.map((c) => (
                <th scope="col" class={c === 'activity' || c === 'standard' ? '' : 'num'}>
                  {t(`kinerja.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {activities.map((a) => (
              <tr
                class={`kinerja-row-${heatOf(a)}${a.elementId === selected ? ' selected' : ''}`}
                tabIndex={0}
                data-element={a.elementId}
                onClick={() => onSelect(a.elementId)}
                onKeyDown={(e) => e.key === 'Enter' && onSelect(a.elementId)}
              >
                <td>{a.name ?? a.elementId}</td>
                <td>{a.standard ?? '–'}</td>
                <td class="num">{a.done}</td>
                <td class="num">{sharePercent(a.onTimeShare)}</td>
                <td class="num">{a.late}</td>
                <td class="num">{workingDuration(a.medianMs)}</td>
                <td class="num">{workingDuration(a.p90Ms)}</td>
                <td class="num">{workingDuration(a.maxMs)}</td>
                <td class="num">{workingDuration(a.waitMeanMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
