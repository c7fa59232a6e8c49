import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs (pino), one object per line. Errors are logged as their type, code,
 * message and stack only: a driver error's other fields (PostgreSQL's `detail` quotes the row's
 * values) could carry a reporter's name or contact, which never goes into a log.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'lapor-sop' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      err: (err: Error & { code?: unknown }) => ({ type: err.name, code: err.code, message: err.message, stack: err.stack }),
    },
  });
}
