import type { LiveEngine } from './processRuntime';

/**
 * Recently used live engines, each valid for exactly one revision of its instance. A command
 * takes the engine out (so a failed command can never leave a half-run engine behind) and puts
 * it back with the revision it committed; another process's write bumps the revision, and the
 * next command here recovers from the stored state instead.
 */
export class LiveEngineCache {
  private readonly entries = new Map<string, { rev: number; live: LiveEngine }>();

  constructor(private readonly capacity: number) {}

  /** The revision a kept engine is valid for, without taking it out. */
  revision(instanceId: string): number | undefined {
    return this.entries.get(instanceId)?.rev;
  }

  take(instanceId: string, rev: number): LiveEngine | undefined {
    const entry = this.entries.get(instanceId);
    this.entries.delete(instanceId);
    return entry && entry.rev === rev ? entry.live : undefined;
  }

  keep(instanceId: string, rev: number, live: LiveEngine): void {
    this.entries.delete(instanceId);
    this.entries.set(instanceId, { rev, live });
    // Map keeps insertion order: the first key is the least recently kept.
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
