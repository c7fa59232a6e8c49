import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t } from '../i18n';
import { countIssues, createModeler, type LintIssues, type Modeler } from './bpmnEditor';
import { focusElement, pickableElements } from './canvasFocus';
import { deploy, type DeployOutcome, type GroupOption, type RoleInfo } from './definitions';
import { describeImportMessage } from './importMessages';
import { useLeaveGuard } from './leaveGuard';

export interface DiagramEditorProps {
  xml: string;
  /** The process key, for the file name of a download. */
  processKey: string;
  /** Used as the deployment's name when the diagram's process has none. */
  fallbackName: string;
  roles: RoleInfo[];
  /** The groups beyond the SOP roles, offered beside them as performers. */
  groups?: GroupOption[];
  canDeploy: boolean;
  /** A message to show when the editor opens (e.g. the result of the deploy that led here). */
  initialNotice?: string;
  onDeployed?: (outcome: DeployOutcome, notice: string) => void;
}

type Notice = { kind: 'ok' | 'error'; text: string };

/** A diagram file larger than this is refused before it is read (the SOPs' are under 200 kB). */
const MAX_FILE_MB = 10;

/** What the file picker offers; a dropped file of another type is still tried. */
const BPMN_ACCEPT = '.bpmn,.xml,application/xml,text/xml';

/** The last diagram opened from disk: its name, and the import's warnings as bpmn-js worded them. */
interface OpenedFile {
  name: string;
  key: string;
  warnings: string[];
}

interface ProcessElement {
  $type: string;
  id: string;
  isExecutable?: boolean;
  name?: string;
}

/** bpmn-js's warnings are objects with a message (its typings say strings). */
const warningTexts = (warnings: unknown[]): string[] =>
  warnings.map((w) => (typeof w === 'string' ? w : String((w as { message?: unknown }).message ?? w)));

/** A file name from a process key, without characters a file system may refuse. */
const fileNameOf = (key: string) => `${key.replace(/[^A-Za-z0-9._-]+/g, '-') || 'diagram'}.bpmn`;

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
  /** The diagram differs from the saved point whatever the stack says (edits re-imported). */
  const markDirty = () => {
    stack.current.saved = Number.NEGATIVE_INFINITY;
    setDirty(true);
  };
  return { dirty, onChanged, markSaved, markDirty };
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
  const [opened, setOpened] = useState<OpenedFile>();
  const [openError, setOpenError] = useState<{ name: string; detail?: string; key?: string; vars?: Record<string, string | number> }>();
  const [opening, setOpening] = useState(false);
  const [dropping, setDropping] = useState(false);
  const { dirty, onChanged, markSaved, markDirty } = useDirtyTracking();
  const release = useLeaveGuard(dirty, t('modeler.editor.leaveConfirm'));

  useEffect(() => {
    const modeler = createModeler(canvasRef.current!, panelRef.current!, { roles: props.roles, groups: props.groups });
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

  /**
   * The process the editor stands for: the page's key when the diagram holds it, else (a diagram
   * opened from disk) its first executable process.
   */
  const mainProcess = (): ProcessElement | undefined => {
    const definitions = modelerRef.current?.getDefinitions() as { rootElements?: ProcessElement[] } | undefined;
    const processes = (definitions?.rootElements ?? []).filter((r) => r.$type === 'bpmn:Process');
    const executable = processes.filter((r) => r.isExecutable);
    return processes.find((r) => r.id === props.processKey) ?? executable[0] ?? processes[0];
  };
  const currentKey = (): string => mainProcess()?.id ?? props.processKey;

  const processName = (): string =>
    (mainProcess()?.name?.trim() || (currentKey() === props.processKey ? props.fallbackName : currentKey())).slice(0, 200);

  /**
   * Opens a diagram from disk in place of the one shown. A file that cannot be imported leaves the
   * previous diagram as it was (bpmn-js has already dropped it by then, so it is imported again).
   */
  const openFile = async (file: File) => {
    const modeler = modelerRef.current;
    if (!modeler || opening) return;
    if (dirty && !window.confirm(t('modeler.editor.replaceConfirm'))) return;
    setOpenError(undefined);
    setNotice(undefined);
    if (file.size > MAX_FILE_MB * 1024 * 1024) {
      setOpenError({ name: file.name, key: 'modeler.editor.openTooLarge', vars: { mb: MAX_FILE_MB } });
      return;
    }
    setOpening(true);
    const wasDirty = dirty;
    let previous: string | undefined;
    try {
      previous = importError ? undefined : (await modeler.saveXML({ format: true })).xml;
    } catch {
      previous = undefined;
    }
    try {
      let text: string;
      try {
        text = await file.text();
      } catch {
        setOpenError({ name: file.name, key: 'modeler.editor.openUnreadable' });
        return;
      }
      try {
        const { warnings } = await modeler.importXML(text);
        fit();
        setElements(pickableElements(modeler));
        setPicked('');
        setImportError(undefined);
        setOpened({ name: file.name, key: currentKey(), warnings: warningTexts(warnings) });
      } catch (err) {
        setOpenError({ name: file.name, detail: String((err as Error).message ?? err) });
        if (previous) {
          await modeler.importXML(previous).catch(() => undefined);
          fit();
          setElements(pickableElements(modeler));
          // The edits came back with it, still not deployed.
          if (wasDirty) markDirty();
        }
      }
    } finally {
      setOpening(false);
    }
  };

  const onPick = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void openFile(file);
  };

  const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDragLeave = (e: DragEvent) => {
    // Leaving for a child of the canvas is not leaving the canvas.
    if (!(e.relatedTarget instanceof Node && (e.currentTarget as HTMLElement).contains(e.relatedTarget))) setDropping(false);
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    setDropping(false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length !== 1) {
      setOpenError({ name: files.map((f) => f.name).join(', '), key: 'modeler.editor.openOneFile' });
      return;
    }
    void openFile(files[0]);
  };

  const onDeploy = async () => {
    setBusy(true);
    setNotice(undefined);
    try {
      const outcome = await deploy(processName(), await saveXml(), currentKey());
      const text = outcome.created ? t('modeler.editor.deployed', { version: outcome.version }) : t('modeler.editor.unchanged', { version: outcome.version });
      markSaved();
      release();
      setOpened(undefined);
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
    a.download = fileNameOf(currentKey());
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    // Without the right to deploy, the download is the only way to keep one's edits.
    if (!props.canDeploy) markSaved();
  };

  function fit() {
    modelerRef.current?.get<{ zoom(to: string, center?: string): void }>('canvas').zoom('fit-viewport', 'auto');
  }
  const toggleLint = () => modelerRef.current?.get<{ toggle(active?: boolean): void }>('linting').toggle();

  return (
    <div class="modeler">
      <div class="modeler-toolbar" role="group" aria-label={t('modeler.editor.toolbar')}>
        {props.canDeploy && (
          <button class="primary" onClick={onDeploy} disabled={busy || !!importError} data-testid="deploy">
            {busy ? t('modeler.editor.deploying') : t('modeler.editor.deploy')}
          </button>
        )}
        <span class="file-pick">
          <input id="open-bpmn-file" type="file" accept={BPMN_ACCEPT} disabled={opening} onChange={onPick} data-testid="open-file" />
          <label for="open-bpmn-file" class="button" aria-disabled={opening}>
            {opening ? t('modeler.editor.opening') : t('modeler.editor.open')}
          </label>
        </span>
        <button onClick={onDownload} disabled={!!importError} data-testid="download" title={t('modeler.editor.downloadTitle', { file: fileNameOf(currentKey()) })}>
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
      {openError && (
        <p class="error" role="alert" data-testid="open-error">
          {openError.key === 'modeler.editor.openOneFile'
            ? t(openError.key)
            : t('modeler.editor.openFailed', {
                name: openError.name,
                detail: openError.key ? t(openError.key, openError.vars) : describeImportMessage(openError.detail ?? ''),
              })}
        </p>
      )}
      {opened && (
        <div class="card import-report" data-testid="import-report">
          <p class="notice-warn">{t('modeler.editor.openedFile', { name: opened.name, key: opened.key })}</p>
          {opened.warnings.length ? (
            <>
              <p data-testid="import-warning-count">{t('modeler.editor.importWarnings', { count: opened.warnings.length })}</p>
              <ul class="import-warnings" data-testid="import-warnings">
                {opened.warnings.map((w) => (
                  <li>{describeImportMessage(w)}</li>
                ))}
              </ul>
            </>
          ) : (
            <p class="muted">{t('modeler.editor.importWarningsNone')}</p>
          )}
        </div>
      )}
      {importError && (
        <p class="error" role="alert">
          {t('modeler.editor.importFailed', { detail: importError })}
        </p>
      )}
      <div class="modeler-layout">
        <div
          class={`modeler-canvas${dropping ? ' dropping' : ''}`}
          ref={canvasRef}
          data-testid="modeler-canvas"
          data-drop-hint={t('modeler.editor.dropHint')}
          onDragOver={onDragOver}
          onDragEnter={onDragOver}
          onDragLeave={onDragLeave}
          onDrop={onDrop}
        />
        <aside class="modeler-panel" ref={panelRef} aria-label={t('modeler.editor.properties')} data-testid="properties-panel" />
      </div>
    </div>
  );
}
