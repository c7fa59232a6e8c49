import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { KEY_PATTERN, listGroups, listLatest, listRoles, type DeployOutcome } from './definitions';
import { DiagramEditor } from './DiagramEditor';
import { setFlash } from './flash';
import { editorHref } from './links';
import { newDiagramXml } from './newDiagram';

/** Suggests a key from the name: "Pengaduan Sekolah" → "pengaduan-sekolah". */
function keyFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 60);
}

/** `/proses/baru`: names a new executable process, then opens it in the editor. */
export default function NewDiagramPage(_props: PageProps) {
  const { data, error, loading } = useAsync(() => Promise.all([listLatest(), listRoles(), listGroups()]), []);
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyTouched, setKeyTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string; xml: string }>();

  if (error) return <ErrorBox error={error} />;
  if (loading || !data) return <Loading />;
  const [existing, roles, groups] = data;

  const effectiveKey = keyTouched ? key : keyFromName(name);
  const keyError = !effectiveKey
    ? t('modeler.new.keyRequired')
    : !KEY_PATTERN.test(effectiveKey)
      ? t('modeler.new.keyPattern')
      : existing.some((d) => d.key === effectiveKey)
        ? t('modeler.new.keyTaken', { key: effectiveKey })
        : undefined;
  const nameError = name.trim() ? undefined : t('modeler.new.nameRequired');

  if (created) {
    const onDeployed = (outcome: DeployOutcome, notice: string) => {
      setFlash(outcome.key, outcome.version, notice);
      navigate(editorHref(outcome.key, outcome.version));
    };
    return (
      <>
        <p>
          <a href="#/proses">{t('modeler.editor.back')}</a>
        </p>
        <h1>{created.name}</h1>
        <p class="muted">
          {t('modeler.new.notDeployed')} {t('modeler.list.key')}: <code>{created.key}</code>
        </p>
        <DiagramEditor xml={created.xml} processKey={created.key} fallbackName={created.name} roles={roles} groups={groups} canDeploy onDeployed={onDeployed} />
      </>
    );
  }

  const onSubmit = (e: Event) => {
    e.preventDefault();
    setSubmitted(true);
    if (keyError || nameError) return;
    setCreated({ key: effectiveKey, name: name.trim(), xml: newDiagramXml(effectiveKey, name.trim(), t('modeler.new.startName')) });
  };

  return (
    <>
      <p>
        <a href="#/proses">{t('modeler.editor.back')}</a>
      </p>
      <h1>{t('modeler.new.title')}</h1>
      <form class="card new-diagram" onSubmit={onSubmit} noValidate>
        <label for="new-name">{t('modeler.new.name')}</label>
        <input
          id="new-name"
          value={name}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
          aria-invalid={submitted && !!nameError}
          aria-describedby={submitted && nameError ? 'new-name-error' : undefined}
          maxLength={200}
          required
        />
        {submitted && nameError && (
          <p id="new-name-error" class="error">
            {nameError}
          </p>
        )}
        <label for="new-key">{t('modeler.new.key')}</label>
        <input
          id="new-key"
          value={effectiveKey}
          onInput={(e) => {
            setKeyTouched(true);
            setKey((e.target as HTMLInputElement).value.trim());
          }}
          aria-invalid={(submitted || keyTouched) && !!keyError}
          aria-describedby={`new-key-hint${(submitted || keyTouched) && keyError ? ' new-key-error' : ''}`}
          autocapitalize="off"
          spellcheck={false}
          required
        />
        <p id="new-key-hint" class="muted hint">
          {t('modeler.new.keyHint')}
        </p>
        {(submitted || keyTouched) && keyError && (
          <p id="new-key-error" class="error">
            {keyError}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            {t('modeler.new.create')}
          </button>
        </div>
      </form>
    </>
  );
}
