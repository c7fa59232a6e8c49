import { get } from '../api';
import { formatDateTime, t } from '../i18n';
import type { PageProps } from '../router';
import { can, me } from '../session';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { BarChart } from './BarChart';

/** GET /api/dashboard (src/domain/dashboard.ts). */
interface DashboardCounts {
  complaintsByStatus: { status: string; count: number }[];
  openComplaintsByOpd: { opd: string | null; opdName: string | null; count: number }[];
  overdueTasksByOpd: { opd: string | null; opdName: string | null; count: number }[];
  overdueTasksByRole: { role: string; label: string; count: number }[];
  generatedAt: string;
}

const opdLabel = (o: { opd: string | null; opdName: string | null }) => o.opdName ?? o.opd ?? t('dashboard.noOpd');

export default function DashboardPage(_props: PageProps) {
  const state = useAsync(() => get<DashboardCounts>('/api/dashboard'), []);
  const d = state.data;
  return (
    <section class="dash">
      <h1>{t('dashboard.title')}</h1>
      <div class="actions dash-tools">
        <button type="button" onClick={state.reload} disabled={state.loading}>
          {t('dashboard.refresh')}
        </button>
        {can.superviseLate(me.get()) && (
          <a class="button" href="#/dasbor/terlambat" data-testid="late-tasks-link">
            {t('lateTasks.open')}
          </a>
        )}
        {d && (
          <p class="muted" role="status" data-testid="dashboard-generated-at">
            {t('dashboard.generatedAt', { at: formatDateTime(d.generatedAt) })}
          </p>
        )}
      </div>
      <ErrorBox error={state.error} />
      {!d && state.loading && <Loading />}
      {d && (
        <div class="dash-grid">
          <BarChart
            id="status"
            title={t('dashboard.byStatus')}
            colour="#b3122e"
            bars={d.complaintsByStatus.map((s) => ({ label: t(`complaint.status.${s.status}`), count: s.count }))}
          />
          <BarChart id="open-opd" title={t('dashboard.openByOpd')} colour="#0b4fb3" bars={d.openComplaintsByOpd.map((o) => ({ label: opdLabel(o), count: o.count }))} />
          <BarChart id="overdue-opd" title={t('dashboard.overdueByOpd')} colour="#a4161a" bars={d.overdueTasksByOpd.map((o) => ({ label: opdLabel(o), count: o.count }))} />
          <BarChart id="overdue-role" title={t('dashboard.overdueByRole')} colour="#8a5a00" bars={d.overdueTasksByRole.map((r) => ({ label: r.label, count: r.count }))} />
        </div>
      )}
    </section>
  );
}
