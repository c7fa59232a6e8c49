import { useEffect, useRef } from 'preact/hooks';
import { path } from '../router';

/**
 * Asks before a user leaves an editor with unsaved changes: closing or reloading the tab
 * (beforeunload) and following an in-app link (hashchange, which cannot be cancelled, so the old
 * address is put back before the router sees the change).
 */
export function useLeaveGuard(dirty: boolean, message: string): () => void {
  const state = useRef({ dirty, message });
  state.current = { dirty, message };

  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!state.current.dirty) return;
      e.preventDefault();
      e.returnValue = '';
    };
    const onHashChange = (e: HashChangeEvent) => {
      if (!state.current.dirty) return;
      if (window.confirm(state.current.message)) return;
      e.stopImmediatePropagation();
      history.replaceState(history.state, '', e.oldURL);
      path.set(new URL(e.oldURL).hash.replace(/^#/, '') || '/');
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    // Capture: runs before the router's own hashchange listener on window.
    window.addEventListener('hashchange', onHashChange, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('hashchange', onHashChange, true);
    };
  }, []);
  // For the editor's own navigation right after a deploy, before the next render updates `dirty`.
  return () => {
    state.current.dirty = false;
  };
}
