/** Who is acting: a signed-in user as the engine sees them (no HTTP, no session). */
export interface Actor {
  username: string;
  /** Role ids, plus `role:OPD` for OPD-bound roles, so a task for one OPD reaches only its staff. */
  groups: string[];
}

/** The scheduler acts as the system when it fires timers. */
export const SYSTEM_ACTOR = 'sistem';
