/**
 * A value kept current by polling while something shows it: `follow()` starts (once, however many
 * follow) and returns how to stop, which also clears the value (`reset`) for whoever signs in next.
 */
export function polled(refresh: () => Promise<void>, reset: () => void, everyMs: number): () => () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  return () => {
    if (!timer) {
      void refresh();
      timer = setInterval(() => void refresh(), everyMs);
    }
    return () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      reset();
    };
  };
}
