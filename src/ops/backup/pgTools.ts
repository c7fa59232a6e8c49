import { spawn } from 'node:child_process';
import { PgToolFailed, PgToolMissing } from './errors';

/**
 * How pg_dump and pg_restore reach the server. The password goes in PGPASSWORD, not on the
 * command line, where every user of the machine could read it in the process list.
 */
export function connectionFor(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: url.toString(), env };
}

/** Runs pg_dump/pg_restore and resolves with its stderr (warnings); rejects naming what went wrong. */
export function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? new PgToolMissing(tool) : err));
    child.on('close', (code) => (code === 0 ? resolve(stderr) : reject(new PgToolFailed(tool, code, stderr))));
  });
}
