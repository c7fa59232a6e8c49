import { useState } from 'preact/hooks';

export interface Change {
  busy: boolean;
  error: unknown;
  notice: string | undefined;
  /** Runs `work`; on success says `done` (or what it makes of the answer) and reloads the list. True when it went through. */
  run: <T>(work: () => Promise<T>, done: string | ((result: T) => string)) => Promise<boolean>;
}

/** One change at a time to a list the page shows: busy while it runs, then a notice or the error. */
export function useChange(reload: () => void): Change {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const run = async <T,>(work: () => Promise<T>, done: string | ((result: T) => string)) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      const result = await work();
      setNotice(typeof done === 'string' ? done : done(result));
      reload();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, notice, run };
}
