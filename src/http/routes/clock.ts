import { z } from 'zod';
import { ClockError } from '../../clock';
import { badRequest } from '../../engine/errors';
import { route } from '../route';
import type { AppServices } from '../services';

/** Only mounted with SOP_CLOCK=manual (never in production): tests and demos move time here. */
export function clockRoutes(s: AppServices) {
  const clock = s.manualClock;
  if (!clock) return [];
  const moved = async (move: () => Promise<Date>) => {
    try {
      const now = await move();
      const fired = await s.engine.scheduler.runDue();
      const mailed = await s.mail.sendPending();
      return { body: { now: now.toISOString(), fired, mailed } };
    } catch (err) {
      if (err instanceof ClockError) throw badRequest(err.message);
      throw err;
    }
  };
  return [
    route({
      method: 'post',
      path: '/api/_clock/advance',
      tag: 'clock',
      summary: 'Move the manual clock forward by ms; due timers fire and their notifications are mailed before the answer',
      access: 'user',
      body: z.object({ ms: z.number().int().min(0) }).strict(),
      async handler({ body }) {
        return moved(() => clock.advance(body.ms));
      },
    }),
    route({
      method: 'post',
      path: '/api/_clock/set',
      tag: 'clock',
      summary: 'Set the manual clock to a later moment; due timers fire before the answer',
      access: 'user',
      body: z.object({ at: z.iso.datetime({ offset: true }) }).strict(),
      async handler({ body }) {
        return moved(() => clock.set(new Date(body.at)));
      },
    }),
  ];
}
