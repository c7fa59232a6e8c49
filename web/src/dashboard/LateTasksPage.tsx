import { get } from '../api';
import { formatDateTime, t } from '../i18n';
import type { PageProps } from '../router';
import { me } from '../session';
import { useSignal } from '../signal';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { isRoleId, roles, supervisedRoles } from '../../../src/domain/roles';
import type { LateTaskPage } from '../../../src/contract/lateTasks';

const PAGE = 50;

/** "pejabat-penghubung:dinkes" → "Pejabat Penghubung". */
const roleLabel = (group: string) => {
  const id = group.split(':')[0];
  return isRoleId(id) ? roles[id].label : id;
};

/**
 * A superior's list of the late open tasks of the people they supervise (GET /api/dashboard/late-tasks),
 * each linked to its task and, when it belongs to one, its complaint's history.
 */
export default function LateTasksPage({ query }: PageProps) {
  const user = useSignal(me);
  const page = Math.max(Number(query.get('halaman') ?? '1') || 1, 1);
  const state = useAsync(() => get<LateTaskPage>(`/api/dashboard/late-tasks?limit=${PAGE}&offset=${(page - 1) * PAGE}`), [page]);
  const supervised = [...new Set((user?.roles ?? []).flatMap((r) => supervisedRoles(r)))].map((r) => roles[r].label);
  const d = state.data;
  return (
    <section class="late-tasks">
      {user?.may.readDashboard && (
        <p>
          <a href="#/dasbor">{t('lateTasks.back')}</a>
        </p>
      )}
      <h1>{t('lateTasks.title')}</h1>
      <p class="muted">{t('lateTasks.intro', { roles: supervised.join(', ') })}</p>
      <ErrorBox error={state.error} />
      {!d && state.loading && <Loading />}
      {d && d.items.length === 0 && page === 1 && (
        <p data-testid="late-tasks-empty">{t('lateTasks.none')}</p>
      )}
      {d && d.items.length > 0 && (
        <div class="table-wrap">
          <table data-testid="late-tasks">
            <thead>
              <tr>
                <th scope="col">{t('lateTasks.col.task')}</th>
                <th scope="col">{t('lateTasks.col.complaint')}</th>
                <th scope="col">{t('lateTasks.col.opd')}</th>
                <th scope="col">{t('lateTasks.col.who')}</th>
                <th scope="col">{t('lateTasks.col.due')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((task) => (
                <tr data-task-id={task.id}>
                  <td data-label={t('lateTasks.col.task')}>
                    <a href={`#/tugas/${task.id}`}>{task.name ?? task.processName ?? task.processKey}</a>
                    <div class="muted">{task.processName ?? task.processKey}</div>
                  </td>
                  <td data-label={t('lateTasks.col.complaint')}>
                    {task.trackingId ? (
                      <>
                        <a href={`#/riwayat?trackingId=${encodeURIComponent(task.trackingId)}`}>{task.trackingId}</a>
                        {task.subject && <div class="muted">{task.subject}</div>}
                      </>
                    ) : (
                      <a href={`#/riwayat/${task.instanceId}`}>{t('lateTasks.history')}</a>
                    )}
                  </td>
                  <td data-label={t('lateTasks.col.opd')}>{task.opdName ?? task.opd ?? '–'}</td>
                  <td data-label={t('lateTasks.col.who')}>
                    {task.assignee ? (task.assigneeName ?? task.assignee) : t('lateTasks.unclaimed', { groups: [...new Set(task.candidateGroups.map(roleLabel))].join(', ') })}
                  </td>
                  <td data-label={t('lateTasks.col.due')} class="overdue">
                    {formatDateTime(task.dueAt)} WIB
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d && (page > 1 || d.hasMore) && (
        <nav class="actions pager" aria-label={t('lateTasks.page', { n: page })}>
          {page > 1 && <a href={`#/dasbor/terlambat?halaman=${page - 1}`}>{t('lateTasks.prev')}</a>}
          <span class="muted">{t('lateTasks.page', { n: page })}</span>
          {d.hasMore && <a href={`#/dasbor/terlambat?halaman=${page + 1}`}>{t('lateTasks.next')}</a>}
        </nav>
      )}
    </section>
  );
}
