/**
 * A message that survives one in-app navigation: the new-diagram page deploys, then moves to the
 * editor of the deployed version, which shows the outcome.
 */
let pending: { key: string; version: number; text: string } | undefined;

export function setFlash(key: string, version: number, text: string): void {
  pending = { key, version, text };
}

export function takeFlash(key: string, version: number): string | undefined {
  const found = pending && pending.key === key && pending.version === version ? pending.text : undefined;
  pending = undefined;
  return found;
}
