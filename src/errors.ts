/**
 * Every failure dbtwin reports to a user is a DbtwinError: a code a program can branch on, a message that says what
 * failed (never a password), and the fix.
 */
export type ErrorCode =
  | 'URL_INVALID'
  | 'URL_SCHEME'
  | 'CONNECTION_REFUSED'
  | 'HOST_NOT_FOUND'
  | 'AUTH_FAILED'
  | 'DATABASE_NOT_FOUND'
  /**
   * The login sees a table it cannot SELECT from. MySQL and MariaDB hide a table the login has no privilege on at
   * all: dbtwin names such a table only when a table it can see has a foreign key to it.
   */
  | 'TABLE_NOT_READABLE'
  | 'PERMISSION_DENIED'
  | 'CONNECTION_FAILED'
  | 'CYCLE_UNBREAKABLE'
  | 'FILE_INVALID'
  | 'FILE_NOT_READABLE'
  | 'OUTPUT_NOT_WRITABLE'
  | 'TARGET_NOT_EMPTY'
  | 'TARGET_IS_SOURCE'
  | 'TARGET_CONFLICT'
  /** `--keep-grants`: an owner or grant names a role the target lacks; refused before anything is written. */
  | 'ROLE_NOT_FOUND'
  | 'GENERATE_FAILED'
  | 'SUBSET_FAILED'
  | 'INTERRUPTED'
  | 'TWIN_MISMATCH'
  | 'USAGE'

export class DbtwinError extends Error {
  override readonly name = 'DbtwinError'

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the user should do about it, as one sentence. */
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  /** The one line the CLI prints. */
  toLine(): string {
    return `${this.message}. Fix: ${this.fix}`
  }
}
