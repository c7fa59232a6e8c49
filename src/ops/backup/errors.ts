/**
 * Why a backup or restore did not happen. The CLIs print the message and exit non-zero; each
 * message says what to do next, because the reader is an operator at a terminal, not a program.
 */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

/** pg_dump or pg_restore is not on PATH (or not runnable). */
export class PgToolMissing extends Error {
  override name = 'PgToolMissing';
  constructor(tool: string) {
    super(
      `${tool} was not found on PATH. Install the PostgreSQL client tools of the server's major version or newer ` +
        `(Debian/Ubuntu: apt-get install postgresql-client), or put their folder on PATH.`,
    );
  }
}

/** pg_dump or pg_restore ran and failed; its own message follows. */
export class PgToolFailed extends Error {
  override name = 'PgToolFailed';
  constructor(tool: string, code: number | null, stderr: string) {
    super(`${tool} failed (exit ${code ?? 'signal'}):\n${stderr.trim()}`);
  }
}
