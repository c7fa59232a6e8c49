import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t } from '../i18n';
import { login } from '../session';
import { errorText } from '../ui/ErrorBox';

export function Login({ expired }: { expired: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(expired ? t('login.expired') : undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('login.failed') : errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="login">
      <form onSubmit={submit} class="card" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <label for="login-username">{t('login.username')}</label>
        <input id="login-username" name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        <label for="login-password">{t('login.password')}</label>
        <input id="login-password" name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {t('login.submit')}
        </button>
        <p>
          <a href="#/lacak">{t('login.track')}</a>
        </p>
      </form>
    </main>
  );
}
