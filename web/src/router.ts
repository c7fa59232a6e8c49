import type { ComponentType } from 'preact';
import { signal, type Signal } from './signal';
import type { Me } from './session';

/**
 * Hash routes (`#/tugas/123`): the server serves one index.html and needs no route list of
 * its own, and a bookmarked link works on an offline intranet.
 */
export interface PageProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface PageRoute {
  /** e.g. `/tugas/:id` */
  pattern: string;
  /** Loaded when first visited, so a phone downloads the modeler only if it opens it. */
  load: () => Promise<ComponentType<PageProps>>;
  /** Reachable without signing in. */
  public?: boolean;
  /** Shown only when this returns true (the server authorises again). */
  allowed?: (user: Me) => boolean;
}

export interface NavItem {
  href: string;
  labelKey: string;
  allowed: (user: Me) => boolean;
  /** A count beside the label (e.g. waiting tasks), followed while the item is shown. */
  badge?: NavBadge;
}

export interface NavBadge {
  /** The text of the badge; null shows none. */
  label: Signal<string | null>;
  /** Starts keeping it current; returns how to stop. */
  follow(): () => void;
  /** What a screen reader says with it, e.g. "3 tugas menunggu". */
  describeKey: string;
}

/** Something a feature shows in the top bar beside the language switch (the inbox's bell). */
export interface ToolItem {
  component: ComponentType;
  allowed: (user: Me) => boolean;
}

/** What one feature folder adds to the app. */
export interface Feature {
  routes: PageRoute[];
  nav?: NavItem[];
  tools?: ToolItem[];
}

function currentPath(): string {
  return location.hash.replace(/^#/, '') || '/';
}

export const path = signal(currentPath());
window.addEventListener('hashchange', () => path.set(currentPath()));

export function navigate(to: string): void {
  location.hash = to;
}

export function match(pattern: string, actual: string): Record<string, string> | undefined {
  const [p] = actual.split('?');
  const want = pattern.split('/').filter(Boolean);
  const got = p.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return undefined;
  }
  return params;
}

export function queryOf(actual: string): URLSearchParams {
  return new URLSearchParams(actual.split('?')[1] ?? '');
}
