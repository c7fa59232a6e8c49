import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { onSignedOut } from '../api';
import { lang, setLang, t } from '../i18n';
import { match, navigate, path, queryOf, type Feature, type NavBadge, type PageProps, type PageRoute } from '../router';
import { loadMe, logout, me, type Me } from '../session';
import { useSignal } from '../signal';
import { Loading } from '../ui/ErrorBox';
import { Login } from './Login';

export function App({ features, home }: { features: Feature[]; home: (user: Me) => string }) {
  const user = useSignal(me);
  const current = useSignal(path);
  useSignal(lang);
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    void loadMe();
    return onSignedOut(() => {
      if (me.get()) setExpired(true);
      me.set(null);
    });
  }, []);

  // Each screen change asks the server whether the session still holds, so a session that ended
  // (expired, or signed out in another tab) leads to the sign-in page at once, not at the next save.
  useEffect(() => {
    if (me.get()) void loadMe();
  }, [current]);

  const routes = features.flatMap((f) => f.routes);
  const found = routes.map((r) => ({ r, params: match(r.pattern, current) })).find((m) => m.params);

  if (found?.r.public) return <Shell user={user ?? null} features={features}><Page route={found.r} params={found.params!} query={queryOf(current)} /></Shell>;
  if (user === undefined) return <Loading />;
  if (user === null) return <Login expired={expired} />;
  if (current === '/' || current === '') {
    navigate(home(user));
    return <Loading />;
  }
  return (
    <Shell user={user} features={features}>
      {found && (!found.r.allowed || found.r.allowed(user)) ? (
        <Page route={found.r} params={found.params!} query={queryOf(current)} />
      ) : (
        <h1>{t('notFound.title')}</h1>
      )}
    </Shell>
  );
}

function Shell({ user, features, children }: { user: Me | null; features: Feature[]; children: preact.ComponentChildren }) {
  const current = useSignal(path);
  const [open, setOpen] = useState(false);
  const nav = user ? features.flatMap((f) => f.nav ?? []).filter((n) => n.allowed(user)) : [];
  const tools = user ? features.flatMap((f) => f.tools ?? []).filter((x) => x.allowed(user)) : [];
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skip')}
      </a>
      <header class="topbar">
        <a class="brand" href="#/">{t('app.title')}</a>
        {nav.length > 0 && (
          <button class="menu-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
            {t('nav.menu')}
          </button>
        )}
        <nav id="main-nav" class={open ? 'open' : ''} aria-label={t('nav.menu')}>
          {nav.map((n) => (
            <a href={`#${n.href}`} aria-current={current.startsWith(n.href) ? 'page' : undefined} onClick={() => setOpen(false)}>
              {t(n.labelKey)}
              {n.badge && <NavCount badge={n.badge} />}
            </a>
          ))}
        </nav>
        <div class="topbar-tools">
          {tools.map((x) => (
            <x.component />
          ))}
          <button class="link" onClick={() => setLang(lang.get() === 'id' ? 'en' : 'id')} lang={lang.get() === 'id' ? 'en' : 'id'}>
            {t('nav.lang')}
          </button>
          {user && (
            <>
              <span class="whoami" title={user.roles.join(', ')}>{user.username}</span>
              <button class="link" onClick={() => void logout().then(() => navigate('/'))}>
                {t('nav.logout')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}

function Page({ route, params, query }: { route: PageRoute } & PageProps) {
  const [Component, setComponent] = useState<{ c: ComponentType<PageProps>; route: PageRoute } | undefined>();
  useEffect(() => {
    let live = true;
    void route.load().then((c) => live && setComponent({ c, route }));
    return () => {
      live = false;
    };
  }, [route]);
  // Until the new route's page is loaded, the one still held belongs to the previous route: given
  // this route's params it would read a param its pattern does not have (`/proses/undefined/…`).
  if (!Component || Component.route !== route) return <Loading />;
  return <Component.c params={params} query={query} />;
}

/** A nav item's count, kept current while the item is shown. */
function NavCount({ badge }: { badge: NavBadge }) {
  const label = useSignal(badge.label);
  useEffect(() => badge.follow(), [badge]);
  if (!label) return null;
  return (
    <span class="nav-count" data-testid="nav-count" aria-label={t(badge.describeKey, { n: label })}>
      {label}
    </span>
  );
}
