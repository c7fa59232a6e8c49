import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t } from '../i18n';
import { countIssues, createModeler, type LintIssues, type Modeler } from './bpmnEditor';
import { focusElement, pickableElements } from './canvasFocus';
import { deploy, type DeployOutcome, type RoleInfo } from './definitions';
import { useLeaveGuard } from './leaveGuard';

export interface DiagramEditorProps {
  xml: string;
  /** The process key, for the file name of a download. */
  processKey: string;
  /** Used as the deployment's name when the diagram's process has none. */
  fallbackName: string;
  roles: RoleInfo[];
  canDeploy: boolean;
  /** A message to show when the editor opens (e.g. the result of the deploy that led here). */
  initialNotice?: string;
  onDeployed?: (outcome: DeployOutcome, notice: string) => void;
}

type Notice = { kind: 'ok' | 'error'; text: string };

/** Counts edits against the last saved point, so undoing back to it is clean again. */
function useDirtyTracking() {
  const [dirty, setDirty] = useState(false);
  const stack = useRef({ position: 0, saved: 0 });
  const onChanged = (trigger: string) => {
    const s = stack.current;
    if (trigger === 'clear') s.position = s.saved = 0;
    else if (trigger === 'undo') s.position--;
    else {
      // A new edit after undoing past the saved point drops the redo steps: it is unreachable.
      if (trigger === 'execute' && s.position < s.saved) s.saved = Number.NEGATIVE_INFINITY;
      s.position++;
    }
    setDirty(s.position !== s.saved);
  };
  const markSaved = () => {
    stack.current.saved = stack.current.position;
    setDirty(false);
  };
  return { dirty, onChanged, markSaved };
}

export function DiagramEditor(props: DiagramEditorProps) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler>();
  const [importError, setImportError] = useState<string>();
  const [issues, setIssues] = useState<{ errors: number; warnings: number }>();
  const [lintActive, setLintActive] = useState(true);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>(props.initialNotice ? { kind: 'ok', text: props.initialNotice } : undefined);
  const [elements, setElements] = useState<{ id: string; label: string }[]>([]);
  const [picked, setPicked] = useState('');
  const { dirty, onChanged, markSaved } = useDirtyTracking();
  const release = useLeaveGuard(dirty, t('modeler.editor.leaveConfirm'));

  useEffect(() => {
    const modeler = createModeler(canvasRef.current!, panelRef.current!, { roles: props.roles });
    modelerRef.current = modeler;
    const bus = modeler.get<{ on(event: string, cb: (e: any) => void): void }>('eventBus');
    bus.on('commandStack.changed', (e: { trigger: string }) => {
      onChanged(e.trigger);
      setElements(pickableElements(modeler));
    });
    bus.on('selection.changed', (e: { newSelection: { id: string }[] }) => setPicked(e.newSelection.length === 1 ? e.newSelection[0].id : ''));
    bus.on('linting.completed', (e: { issues: LintIssues }) => setIssues(countIssues(e.issues)));
    bus.on('linting.toggle', (e: { active: boolean }) => setLintActive(e.active));
    modeler
      .importXML(props.xml)
      .then(() => {
        modeler.get<{ zoom(to: string, center?: string): void }>('canvas').zoom('fit-viewport', 'auto');
        setElements(pickableElements(modeler));
      })
      .catch((err: Error) => setImportError(err.message));
    return () => modeler.destroy();
    // The editor is keyed by its document: a new xml mounts a new editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const saveXml = async (): Promise<string> => {
    // A properties-panel field commits its value on blur (it is debounced while typing).
    (document.activeElement as HTMLElement | null)?.blur();
    const { xml } = await modelerRef.current!.saveXML({ format: true });
    return xml!;
  };

  const processName = (): string => {
    const definitions = modelerRef.current!.getDefinitions() as { rootElements?: { $type: string; id: string; isExecutable?: boolean; name?: string }[] };
    const executable = (definitions.rootElements ?? []).filter((r) => r.$type === 'bpmn:Process' && r.isExecutable);
    const process = executable.find((r) => r.id === props.processKey) ?? executable[0];
    return (process?.name?.trim() || props.fallbackName).slice(0, 200);
  };

  const onDeploy = async () => {
    setBusy(true);
    setNotice(undefined);
    try {
      const outcome = await deploy(processName(), await saveXml(), props.processKey);
      const text = outcome.created ? t('modeler.editor.deployed', { version: outcome.version }) : t('modeler.editor.unchanged', { version: outcome.version });
      markSaved();
      release();
      setNotice({ kind: 'ok', text });
      props.onDeployed?.(outcome, text);
    } catch (err) {
      const detail = err instanceof ApiError ? (err.detail ?? err.error) : String((err as Error).message ?? err);
      setNotice({ kind: 'error', text: t('modeler.editor.deployFailed', { detail }) });
    } finally {
      setBusy(false);
    }
  };

  const onDownload = async () => {
    const xml = await saveXml();
    const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${props.processKey}.bpmn`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    // Without the right to deploy, the download is the only way to keep one's edits.
    if (!props.canDeploy) markSaved();
  };

  const fit = () => modelerRef.current?.get<{ zoom(to: string, center?: string): void }>('canvas').zoom('fit-viewport', 'auto');
  const toggleLint = () => modelerRef.current?.get<{ toggle(active?: boolean): void }>('linting').toggle();

  return (
    <div class="modeler">
      <div class="modeler-toolbar" role="group" aria-label={t('modeler.editor.toolbar')}>
        {props.canDeploy && (
          <button class="primary" onClick={onDeploy} disabled={busy || !!importError} data-testid="deploy">
            {busy ? t('modeler.editor.deploying') : t('modeler.editor.deploy')}
          </button>
        )}
        <button onClick={onDownload} disabled={!!importError} data-testid="download">
          {t('modeler.editor.download')}
        </button>
        <button onClick={fit} data-testid="zoom-fit">
          {t('modeler.editor.fit')}
        </button>
        <button onClick={toggleLint} aria-pressed={lintActive} data-testid="lint-toggle" title={t('modeler.editor.lintToggle')}>
          {issues ? t('modeler.editor.issues', { errors: issues.errors, warnings: issues.warnings }) : t('modeler.editor.lintPending')}
        </button>
        <span class="element-picker">
          <label class="inline-label" for="element-picker">
            {t('modeler.editor.pick')}
          </label>
          <select
            id="element-picker"
            value={picked}
            onChange={(e) => {
              const id = (e.target as HTMLSelectElement).value;
              if (id && modelerRef.current) focusElement(modelerRef.current, id);
            }}
            data-testid="element-picker"
          >
            <option value="">{t('modeler.editor.pickNone')}</option>
            {elements.map((el) => (
              <option value={el.id}>{el.label}</option>
            ))}
          </select>
        </span>
        <span class="modeler-state" data-testid="dirty-state">
          {dirty ? t('modeler.editor.unsaved') : ''}
        </span>
      </div>
      <div role="status" aria-live="polite" data-testid="editor-status">
        {notice?.kind === 'ok' && <p class="notice">{notice.text}</p>}
      </div>
      {notice?.kind === 'error' && (
        <p class="error" role="alert" data-testid="deploy-error">
          {notice.text}
        </p>
      )}
      {importError && (
        <p class="error" role="alert">
          {t('modeler.editor.importFailed', { detail: importError })}
        </p>
      )}
      <div class="modeler-layout">
        <div class="modeler-canvas" ref={canvasRef} data-testid="modeler-canvas" />
        <aside class="modeler-panel" ref={panelRef} aria-label={t('modeler.editor.properties')} data-testid="properties-panel" />
      </div>
    </div>
  );
}
