import { useEffect, useRef } from 'preact/hooks';

/** The part of the Navigation API used here (not yet in TypeScript's DOM types). */
interface NavigateEventLike extends Event {
  hashChange: boolean;
  destination: { url: string };
}

/**
 * Asks before a user leaves an editor with unsaved changes: closing or reloading the tab
 * (beforeunload) and in-app navigation. The router follows `hashchange`, which cannot be
 * cancelled and reaches the router's listener first, so in-app moves are stopped before the
 * address changes: with the Navigation API's `navigate` event (links, `location.hash`, back and
 * forward), or where that is missing, by catching clicks on in-app links.
 */
export function useLeaveGuard(dirty: boolean, message: string): () => void {
  const state = useRef({ dirty, message });
  state.current = { dirty, message };

  useEffect(() => {
    const mayLeave = () => !state.current.dirty || window.confirm(state.current.message);
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!state.current.dirty) return;
      e.preventDefault();
      e.returnValue = '';
    };
    const onNavigate = (e: Event) => {
      const n = e as NavigateEventLike;
      if (!n.hashChange || !n.cancelable || n.destination.url === location.href) return;
      if (!mayLeave()) e.preventDefault();
    };
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href^="#"]');
      if (!link || link.getAttribute('href') === location.hash) return;
      if (!mayLeave()) e.preventDefault();
    };
    const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
    window.addEventListener('beforeunload', onBeforeUnload);
    if (navigation) navigation.addEventListener('navigate', onNavigate);
    else document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      if (navigation) navigation.removeEventListener('navigate', onNavigate);
      else document.removeEventListener('click', onClick, true);
    };
  }, []);
  // For the editor's own navigation right after a deploy, before the next render updates `dirty`.
  return () => {
    state.current.dirty = false;
  };
}
