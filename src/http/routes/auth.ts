import { z } from 'zod';
import type { ErrorBody } from '../../contract/errors';
import { permissionsOf } from '../../domain/permissions';
import { route } from '../route';
import type { AppServices } from '../services';

export const SESSION_COOKIE = 'sop_session';

export function authRoutes(s: AppServices) {
  return [
    route({
      method: 'post',
      path: '/api/auth/login',
      tag: 'auth',
      summary: 'Sign in; sets an httpOnly session cookie',
      access: 'public',
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
      responses: { 200: 'the signed-in user', 401: 'wrong username or password', 429: 'too many failed sign-ins: wait Retry-After seconds' },
      async handler({ body, req, res }) {
        const attempt = { username: body.username, ip: req.ip ?? req.socket.remoteAddress ?? 'unknown' };
        // A locked key is refused before the password is even checked: guessing learns nothing.
        const wait = await s.loginThrottle.retryAfterSeconds(attempt);
        if (wait > 0) {
          res.setHeader('Retry-After', String(wait));
          const minutes = Math.ceil(wait / 60);
          const throttled: ErrorBody = { error: 'too many failed sign-ins', detail: `try again in ${minutes} min`, code: 'auth.throttled', params: { minutes } };
          return { status: 429, body: throttled };
        }
        const user = await s.users.verify(body.username, body.password);
        if (!user) {
          await s.loginThrottle.failed(attempt);
          return { status: 401, body: { error: 'wrong username or password' } };
        }
        await s.loginThrottle.succeeded(attempt);
        const session = await s.sessions.create(user.id);
        res.cookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: s.config.cookieSecure,
          expires: session.expiresAt,
          path: '/',
        });
        return { body: user };
      },
    }),
    route({
      method: 'get',
      path: '/api/auth/me',
      tag: 'auth',
      summary: 'The signed-in user with roles, groups and what the roles permit (`may`)',
      access: 'user',
      async handler({ user }) {
        return { body: { ...user, may: permissionsOf(user.roles) } };
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/logout',
      tag: 'auth',
      summary: 'Sign out; ends the session',
      access: 'user',
      responses: { 204: 'signed out' },
      async handler({ req, res }) {
        await s.sessions.destroy(req.cookies[SESSION_COOKIE]);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        return {};
      },
    }),
  ];
}
