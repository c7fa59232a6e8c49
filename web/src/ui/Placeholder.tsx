import type { PageProps } from '../router';

/** Stands in for a page that is not built yet. */
export default function Placeholder(_props: PageProps) {
  return <p class="muted">…</p>;
}
