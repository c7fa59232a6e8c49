import { z } from 'zod';
import { badRequest, notFound } from '../../engine/errors';
import { HolidayInputError } from '../../engine/holidays';
import { systemAdminRoles } from '../../domain/roles';
import { wibDay } from '../queryParams';
import { DurationTooLong, MAX_WORKING_DAYS } from '../../engine/workingCalendar';
import { route } from '../route';
import type { AppServices } from '../services';

const isoDate = wibDay('date');

export function calendarRoutes(s: AppServices) {
  const holidays = s.engine.holidays;
  return [
    route({
      method: 'get',
      path: '/api/calendar/holidays',
      tag: 'calendar',
      summary: 'Holidays of the working calendar (seeded for Indonesia, editable)',
      access: 'user',
      query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      async handler({ query }) {
        return { body: await holidays.list(query.year) };
      },
    }),
    route({
      method: 'put',
      path: '/api/calendar/holidays/:date',
      tag: 'calendar',
      summary: 'Add or rename a holiday (e.g. cuti bersama); running deadlines across that day move (`deadlinesMoved`)',
      access: systemAdminRoles,
      body: z.object({ name: z.string().min(1).max(200) }).strict(),
      async handler({ params, body, user }) {
        try {
          return { body: await holidays.put({ date: isoDate.parse(params.date), name: body.name }, user.username) };
        } catch (err) {
          if (err instanceof HolidayInputError) throw badRequest(err.message);
          throw err;
        }
      },
    }),
    route({
      method: 'delete',
      path: '/api/calendar/holidays/:date',
      tag: 'calendar',
      summary: 'Remove a holiday (it becomes a working day); running deadlines across that day move back (`deadlinesMoved`)',
      access: systemAdminRoles,
      responses: { 200: 'removed', 404: 'no holiday on that date' },
      async handler({ params, user }) {
        const removed = await holidays.remove(isoDate.parse(params.date), user.username);
        if (!removed) throw notFound(`no holiday on ${params.date}`);
        return { body: removed };
      },
    }),
    route({
      method: 'get',
      path: '/api/calendar/due',
      tag: 'calendar',
      summary: 'When a duration from a moment ends in working time (P3D, PT7H30M)',
      access: 'user',
      query: z.object({ duration: z.string().min(2), from: z.iso.datetime({ offset: true }).optional() }),
      async handler({ query }) {
        const calendar = await s.engine.calendars.get();
        const from = query.from ? new Date(query.from) : s.engine.clock.now();
        try {
          return { body: { from: from.toISOString(), duration: query.duration, dueAt: calendar.addWorkingDuration(from, query.duration).toISOString() } };
        } catch (err) {
          if (err instanceof DurationTooLong) throw badRequest('duration too long', err.message).as('duration.tooLong', { duration: query.duration, maxDays: MAX_WORKING_DAYS });
          throw badRequest((err as Error).message);
        }
      },
    }),
  ];
}
