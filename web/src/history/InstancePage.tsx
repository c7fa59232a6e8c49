import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, get } from '../api';
import { formatDateTime, t } from '../i18n';
import type { PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { StepDocumentsList } from '../documents/StepDocumentsList';
import { ChainVerification } from './ChainVerification';
import { DiagramView, Legend } from './DiagramView';
import { Timeline } from './Timeline';
import { diagramLabels } from './diagramLabels';
import { timelineOf, traceOf, workingDuration } from './timeline';
import type { AuditInstance, AuditTask } from './types';

/** One instance for audit: its diagram with the path taken, the timeline, tasks' timeliness, variables and chain. */
export default function InstancePage({ params, query }: PageProps) {
  const printView = query.get('cetak') === '1';
  const state = useAsync(async () => {
    const instance = await get<AuditInstance>(`/api/audit/instances/${encodeURIComponent(params.id)}`);
    const xml = await api<string>('GET', `/api/process-definitions/${encodeURIComponent(instance.key)}/versions/${instance.version}/xml`);
    return { instance, xml };
  }, [params.id]);
  const [focus, setFocus] = useState<string | null>(null);
  const data = state.data;
  const trace = useMemo(() => (data ? traceOf(data.instance) : undefined), [data]);
  const entries = useMemo(() => (data ? timelineOf(data.instance) : []), [data]);
  // Form labels come from the diagram of the instance's version; its names, from the server's reading of it.
  const labels = useMemo(() => {
    if (!data) return undefined;
    const read = diagramLabels(data.xml);
    return { ...read, elementNames: { ...read.elementNames, ...data.instance.elementNames } };
  }, [data]);

  useEffect(() => {
    document.body.classList.toggle('audit-print-view', printView);
    return () => document.body.classList.remove('audit-print-view');
  }, [printView]);
  useEffect(() => {
    // The printable page prints itself once its diagram had a moment to draw.
    if (!printView || !data) return;
    const timer = setTimeout(() => window.print(), 600);
    return () => clearTimeout(timer);
  }, [printView, data]);

  if (state.error) return <ErrorBox error={state.error} />;
  if (!data || !trace || !labels) return <Loading />;
  const i = data.instance;
  const actor = (u: string | null) => (u ? (i.actors[u] ?? u) : '–');
  const name = (id: string) => i.elementNames[id] ?? id;

  return (
    <article class="audit audit-instance">
      <p class="no-print">
        <a href="#/riwayat">{t('instance.back')}</a>
      </p>
      <h1>
        {t('instance.title')}: {i.businessKey ?? i.id}
      </h1>
      <div class="actions no-print">
        <a class="button" href={`/api/instances/${i.id}/history.csv`} download data-testid="history-csv">
          {t('instance.csv')}
        </a>
        <button type="button" onClick={() => window.print()}>
          {t('instance.print')}
        </button>
      </div>
      <p class="print-only muted">{t('instance.printed', { at: formatDateTime(new Date().toISOString()) })}</p>

      <section class="card" aria-labelledby="sum-h">
        <h2 id="sum-h">{t('instance.summary')}</h2>
        <dl class="audit-summary">
          <div>
            <dt>{t('instance.process')}</dt>
            <dd>
              {i.processName ?? i.key} ({i.key})
            </dd>
          </div>
          <div>
            <dt>{t('instance.version')}</dt>
            <dd>{i.version}</dd>
          </div>
          <div>
            <dt>{t('history.status')}</dt>
            <dd>
              <span class={`badge audit-status-${i.status}`} data-testid="instance-status">
                {t(`status.${i.status}`)}
              </span>
            </dd>
          </div>
          {i.businessKey && (
            <div>
              <dt>{t('instance.trackingId')}</dt>
              <dd>{i.businessKey}</dd>
            </div>
          )}
          <div>
            <dt>{t('history.opd')}</dt>
            <dd>{i.opdName ?? i.opd ?? '–'}</dd>
          </div>
          <div>
            <dt>{t('instance.startedBy')}</dt>
            <dd>{actor(i.startedBy)}</dd>
          </div>
          <div>
            <dt>{t('instance.started')}</dt>
            <dd>{formatDateTime(i.startedAt)} WIB</dd>
          </div>
          <div>
            <dt>{t('instance.ended')}</dt>
            <dd>{i.endedAt ? `${formatDateTime(i.endedAt)} WIB` : '–'}</dd>
          </div>
        </dl>
        {i.businessKey && !printView && <StepDocumentsList trackingId={i.businessKey} />}
      </section>

      {i.chain.length > 1 && (
        <section class="card" aria-labelledby="chain-h">
          <h2 id="chain-h">{t('instance.chain')}</h2>
          <ol class="audit-chain" data-testid="instance-chain">
            {i.chain.map((c) => {
              const relation = c.id === i.id ? 'current' : c.id === i.parentId ? 'parent' : c.parentId === i.id ? 'child' : null;
              const label = `${c.processName ?? c.key} v${c.version}`;
              return (
                <li style={{ marginLeft: `${depthOf(c.id, i.chain) * 1.25}rem` }}>
                  {c.id === i.id ? (
                    <strong aria-current="page">{label}</strong>
                  ) : (
                    <a href={`#/riwayat/${c.id}`} data-relation={relation ?? undefined}>
                      {label}
                    </a>
                  )}{' '}
                  <span class="muted">
                    · {t(`status.${c.status}`)}
                    {relation && ` · ${t(`instance.chain.${relation}`)}`}
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
      )}

      <section class="card audit-diagram-card" aria-labelledby="diagram-h">
        <h2 id="diagram-h">{t('instance.diagram', { version: i.version })}</h2>
        <DiagramView xml={data.xml} trace={trace} focus={focus} />
        <Legend />
      </section>

      <section class="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('instance.timeline')}</h2>
        <ChainVerification instanceId={i.id} />
        <Timeline entries={entries} labels={labels} actors={i.actors} focus={focus} onFocus={setFocus} />
      </section>

      <section class="card" aria-labelledby="tasks-h">
        <h2 id="tasks-h">{t('instance.tasks')}</h2>
        {i.tasks.length === 0 ? <p class="muted">{t('instance.noTasks')}</p> : <TaskTable tasks={i.tasks} actor={actor} name={name} onFocus={setFocus} />}
      </section>

      <section class="card" aria-labelledby="vars-h">
        <h2 id="vars-h">{t('instance.variables')}</h2>
        <p class="muted">{t('instance.variables.note')}</p>
        {Object.keys(i.variables).length === 0 ? (
          <p class="muted">{t('instance.variables.none')}</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="instance-variables">
              <thead>
                <tr>
                  <th scope="col">{t('instance.variable')}</th>
                  <th scope="col">{t('instance.value')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(i.variables).map(([k, v]) => (
                  <tr>
                    <th scope="row">{labels.fieldLabels[k] ? `${labels.fieldLabels[k]} (${k})` : k}</th>
                    <td class="audit-value">{v === null || v === undefined || v === '' ? '–' : typeof v === 'string' ? (labels.enumNames[k]?.[v] ?? v) : JSON.stringify(v)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {(i.timers.length > 0 || i.incidents.length > 0) && (
        <section class="card">
          {i.timers.length > 0 && (
            <>
              <h2>{t('instance.timers')}</h2>
              <ul>
                {i.timers.map((x) => (
                  <li>
                    {name(x.elementId)}: {formatDateTime(x.dueAt)} WIB
                  </li>
                ))}
              </ul>
            </>
          )}
          {i.incidents.length > 0 && (
            <>
              <h2>{t('instance.incidents')}</h2>
              <ul>
                {i.incidents.map((x) => (
                  <li class="error">
                    {formatDateTime(x.createdAt)} WIB · {x.elementId ? name(x.elementId) : ''} {x.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </article>
  );
}

function depthOf(id: string, chain: AuditInstance['chain']): number {
  let depth = 0;
  let at = chain.find((c) => c.id === id);
  while (at?.parentId && depth < 10) {
    at = chain.find((c) => c.id === at!.parentId);
    if (!at) break;
    depth++;
  }
  return depth;
}

function lateness(task: AuditTask): { text: string; cls: string } {
  if (!task.dueAt) return { text: t('instance.task.noDue'), cls: 'sla-none' };
  if (task.lateWorkingMs <= 0) return { text: t('instance.task.onTime'), cls: 'sla-green' };
  const { h, m } = workingDuration(task.lateWorkingMs);
  const duration = h > 0 ? t('instance.duration.hm', { h, m }) : t('instance.duration.m', { m });
  return { text: t(task.status === 'open' ? 'instance.task.lateSoFar' : 'instance.task.lateBy', { duration }), cls: 'sla-red' };
}

function TaskTable({ tasks, actor, name, onFocus }: { tasks: AuditTask[]; actor: (u: string | null) => string; name: (id: string) => string; onFocus: (id: string) => void }) {
  return (
    <div class="table-wrap">
      <table class="audit-results" data-testid="instance-tasks">
        <thead>
          <tr>
            <th scope="col">{t('instance.task.name')}</th>
            <th scope="col">{t('instance.task.group')}</th>
            <th scope="col">{t('instance.task.created')}</th>
            <th scope="col">{t('instance.task.due')}</th>
            <th scope="col">{t('instance.task.done')}</th>
            <th scope="col">{t('instance.task.by')}</th>
            <th scope="col">{t('instance.task.late')}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => {
            const late = lateness(task);
            return (
              <tr data-task-id={task.id} data-element-id={task.elementId}>
                <td data-label={t('instance.task.name')}><div>
                  <button type="button" class="link" onClick={() => onFocus(task.elementId)}>
                    {task.name ?? name(task.elementId)}
                  </button>{' '}
                  <span class="muted">({t(`instance.task.status.${task.status}`)})</span>
                </div></td>
                <td data-label={t('instance.task.group')}><div>{task.candidateGroups.join(', ') || '–'}</div></td>
                <td data-label={t('instance.task.created')}><div>{formatDateTime(task.createdAt)}</div></td>
                <td data-label={t('instance.task.due')}><div>{formatDateTime(task.dueAt)}</div></td>
                <td data-label={t('instance.task.done')}><div>{formatDateTime(task.status === 'completed' ? task.endedAt : null)}</div></td>
                <td data-label={t('instance.task.by')}><div>{actor(task.endedBy ?? task.assignee)}</div></td>
                <td data-label={t('instance.task.late')}><div>
                  <span class={`badge ${late.cls}`} data-testid="task-lateness">
                    {late.text}
                  </span>
                </div></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
