import path from 'node:path';

/** Everything the server reads from the environment, typed once. */
export interface Config {
  port: number;
  /** Address to listen on (HOST, e.g. 127.0.0.1 behind a proxy on the same machine); undefined: all interfaces. */
  host: string | undefined;
  /** PGlite's folder; undefined (DATA_DIR=:memory:) keeps the database in memory. */
  dataDir: string | undefined;
  databaseUrl: string | undefined;
  nodeEnv: string;
  clock: 'system' | 'manual';
  clockStart: Date | undefined;
  schedulerPollMs: number;
  jobMaxAttempts: number;
  /** First retry delay of a failing job; it doubles with each attempt. */
  jobBackoffMs: number;
  processesDir: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  /**
   * Express's "trust proxy": which proxies' X-Forwarded-For to believe for the client's address
   * (the login throttle counts per address). Unset: none, the socket's peer is the client.
   */
  trustProxy: boolean | number | string;
  seedDemo: boolean;
  timezone: string;
  /** smtp://user:pass@host:port for notifications; unset: mails are logged, not sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** pino's level (LOG_LEVEL): info by default, silent under NODE_ENV=test. */
  logLevel: string;
  /**
   * The web app's address as its users reach it (PUBLIC_URL, e.g. https://lapor.kapuaskab.go.id):
   * mails link to tasks and complaints under it. Unset: http://localhost:PORT.
   */
  publicUrl: string;
  /** Tries of one mail before it is marked failed (the outbox page can resend it). */
  mailMaxAttempts: number;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/** "true", a hop count, or addresses/subnets/names as express takes them ("loopback", "10.0.0.0/8"). */
function trustProxyFrom(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevelFrom(value: string | undefined, nodeEnv: string): string {
  if (!value) return nodeEnv === 'test' ? 'silent' : 'info';
  if (!logLevels.includes(value)) throw new Error(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${value}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const clock = env.SOP_CLOCK === 'manual' ? 'manual' : 'system';
  if (env.SOP_CLOCK && !['manual', 'system'].includes(env.SOP_CLOCK)) {
    throw new Error(`SOP_CLOCK must be "system" or "manual", got "${env.SOP_CLOCK}"`);
  }
  if (clock === 'manual' && nodeEnv === 'production') {
    throw new Error('SOP_CLOCK=manual is refused when NODE_ENV=production');
  }
  let clockStart: Date | undefined;
  if (env.SOP_CLOCK_START) {
    clockStart = new Date(env.SOP_CLOCK_START);
    if (Number.isNaN(clockStart.getTime())) throw new Error(`SOP_CLOCK_START is not an ISO date: "${env.SOP_CLOCK_START}"`);
  }
  const port = intFrom(env.PORT, 3000, 'PORT');
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port || 3000}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(publicUrl)) throw new Error(`PUBLIC_URL must be an http(s) address, got "${env.PUBLIC_URL}"`);
  return {
    port,
    host: env.HOST || undefined,
    dataDir: env.DATA_DIR === ':memory:' ? undefined : path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    nodeEnv,
    clock,
    clockStart,
    schedulerPollMs: intFrom(env.SCHEDULER_POLL_MS, 1000, 'SCHEDULER_POLL_MS'),
    jobMaxAttempts: intFrom(env.JOB_MAX_ATTEMPTS, 3, 'JOB_MAX_ATTEMPTS'),
    jobBackoffMs: intFrom(env.JOB_BACKOFF_MS, 1000, 'JOB_BACKOFF_MS'),
    processesDir: path.resolve(env.PROCESSES_DIR ?? path.join(__dirname, '..', 'processes')),
    sessionTtlHours: intFrom(env.SESSION_TTL_HOURS, 12, 'SESSION_TTL_HOURS'),
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : nodeEnv === 'production',
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : nodeEnv !== 'production',
    timezone: 'Asia/Pontianak',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'LAPOR!-SP4N Kapuas <no-reply@kapuas.example>',
    logLevel: logLevelFrom(env.LOG_LEVEL, nodeEnv),
    publicUrl,
    mailMaxAttempts: intFrom(env.MAIL_MAX_ATTEMPTS, 8, 'MAIL_MAX_ATTEMPTS'),
  };
}
