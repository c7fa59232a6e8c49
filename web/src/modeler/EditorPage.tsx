import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { can, me } from '../session';
import { useSignal } from '../signal';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { fetchXml, listGroups, listRoles, listVersions, type DeployOutcome, type GroupOption, type ProcessDefinition, type RoleInfo } from './definitions';
import { DiagramEditor } from './DiagramEditor';
import { takeFlash } from './flash';
import { compareHref, editorHref, migrationHref, sopSheetHref } from './links';

interface OpenDocument {
  key: string;
  version: number;
  xml: string;
  versions: ProcessDefinition[];
  roles: RoleInfo[];
  groups: GroupOption[];
  notice?: string;
  /** Each load from the server gets a fresh editor; a deploy keeps the editor it came from. */
  loadId: number;
}

let loads = 0;

/** `/proses/:key?v=N`: one version of a diagram in the editor (the latest without `v`). */
export default function EditorPage({ params, query }: PageProps) {
  const user = useSignal(me);
  const key = params.key;
  const requested = query.get('v');
  const [doc, setDoc] = useState<OpenDocument>();
  const [error, setError] = useState<unknown>();
  // What the editor shows; after its own deploy the address moves to it without reloading.
  const shown = useRef<{ key: string; version: number }>();

  useEffect(() => {
    const version = requested ? Number(requested) : undefined;
    if (shown.current && shown.current.key === key && version !== undefined && shown.current.version === version) return;
    let live = true;
    setError(undefined);
    setDoc(undefined);
    (async () => {
      if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new Error(t('modeler.editor.badVersion', { v: requested ?? '' }));
      // The groups are read by those who may deploy (who pick performers); a viewer's panel offers the roles only.
      const [versions, roles, groups] = await Promise.all([listVersions(key), listRoles(), can.deploy(me.get()) ? listGroups() : Promise.resolve([])]);
      const v = version ?? versions[versions.length - 1].version;
      const xml = await fetchXml(key, v);
      return { key, version: v, xml, versions, roles, groups, notice: takeFlash(key, v), loadId: ++loads };
    })().then(
      (d) => {
        if (!live) return;
        shown.current = { key: d.key, version: d.version };
        setDoc(d);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [key, requested]);

  const onDeployed = (outcome: DeployOutcome) => {
    shown.current = { key: outcome.key, version: outcome.version };
    void listVersions(outcome.key).then((versions) =>
      setDoc((d) => d && { ...d, key: outcome.key, version: outcome.version, versions }),
    );
    navigate(editorHref(outcome.key, outcome.version));
  };

  if (error) return <ErrorBox error={error} />;
  if (!doc) return <Loading />;
  const latest = doc.versions[doc.versions.length - 1];
  const current = doc.versions.find((v) => v.version === doc.version);
  const deployer = can.deploy(user);
  return (
    <>
      <p>
        <a href="#/proses">{t('modeler.editor.back')}</a>
      </p>
      <h1>{current?.name ?? latest.name ?? doc.key}</h1>
      <div class="modeler-meta">
        <span>
          {t('modeler.list.key')}: <code>{doc.key}</code>
        </span>
        <label class="inline-label" for="editor-version">
          {t('modeler.list.version')}
        </label>
        <select
          id="editor-version"
          value={String(doc.version)}
          onChange={(e) => navigate(editorHref(doc.key, Number((e.target as HTMLSelectElement).value)))}
          data-testid="version-select"
        >
          {[...doc.versions].reverse().map((v) => (
            <option value={String(v.version)}>
              {v.version === latest.version ? t('modeler.editor.versionLatest', { version: v.version }) : t('modeler.editor.versionN', { version: v.version })}
            </option>
          ))}
        </select>
        {current && <span class="muted">{t('modeler.editor.deployedAt', { at: formatDateTime(current.createdAt) })}</span>}
        {doc.version > 1 && <a href={`#${compareHref(doc.key, doc.version - 1, doc.version)}`}>{t('modeler.editor.comparePrevious')}</a>}
        <a href={`#${sopSheetHref(doc.key, doc.version)}`} data-testid="sop-sheet-link">
          {t('modeler.sop.sheet.link')}
        </a>
        {deployer && doc.versions.length > 1 && (
          <a href={`#${migrationHref(doc.key, doc.version === latest.version ? doc.version - 1 : doc.version, latest.version)}`} data-testid="migrate-link">
            {t('modeler.migrate.link')}
          </a>
        )}
      </div>
      {doc.version !== latest.version && <p class="notice-warn">{t('modeler.editor.oldVersion', { latest: latest.version })}</p>}
      {!deployer && <p class="muted">{t('modeler.editor.readOnly')}</p>}
      <DiagramEditor
        key={doc.loadId}
        xml={doc.xml}
        processKey={doc.key}
        fallbackName={latest.name ?? doc.key}
        roles={doc.roles}
        groups={doc.groups}
        canDeploy={deployer}
        initialNotice={doc.notice}
        onDeployed={onDeployed}
      />
    </>
  );
}
