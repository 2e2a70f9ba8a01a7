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

/**
 * What each code carries beside its message, for a program to act on (Snaplet's habit): the tables a target
 * refused, the file that failed. A field is optional where some of the places raising the code cannot know it.
 */
export interface ErrorData {
  URL_INVALID: { scheme?: string }
  URL_SCHEME: { scheme?: string }
  /** `database`: the database as messages name it (its URL with the password masked). */
  CONNECTION_REFUSED: { database?: string }
  HOST_NOT_FOUND: { database?: string }
  AUTH_FAILED: { database?: string }
  DATABASE_NOT_FOUND: { database?: string }
  TABLE_NOT_READABLE: { tables: string[] }
  PERMISSION_DENIED: { database?: string }
  CONNECTION_FAILED: { database?: string }
  /** The tables of the cycle no nullable or deferrable foreign key breaks. */
  CYCLE_UNBREAKABLE: { tables: string[] }
  /** `problems`: every problem found in the file, each at `file:line:column` (see src/yaml-file.ts). */
  FILE_INVALID: { file?: string; problems?: { at: string; message: string }[] }
  FILE_NOT_READABLE: { file?: string }
  OUTPUT_NOT_WRITABLE: { file?: string }
  /** The tables that hold rows. */
  TARGET_NOT_EMPTY: { tables: string[] }
  /** The target as messages name it. */
  TARGET_IS_SOURCE: { target: string }
  /** The tables the target has in a shape the write cannot use, or lacks. */
  TARGET_CONFLICT: { tables: string[] }
  /** The roles the kept owners and grants name that the target lacks. */
  ROLE_NOT_FOUND: { roles: string[] }
  GENERATE_FAILED: { table?: string }
  SUBSET_FAILED: { table?: string }
  INTERRUPTED: Record<string, never>
  TWIN_MISMATCH: { tables?: string[] }
  /** The option (as the library names it) that was given wrongly, where one was. */
  USAGE: { option?: string }
}

export interface DbtwinErrorOptions<Code extends ErrorCode> {
  cause?: unknown
  data?: ErrorData[Code]
  /**
   * The fix in the CLI's words where they differ, naming its flags (`pass --drop`); `fix` names the library's
   * options. The CLI prints this one (see toLine).
   */
  cliFix?: string
}

/** The options argument: required, with its data, for a code whose data has a required field. */
type OptionsArgument<Code extends ErrorCode> =
  Record<string, never> extends ErrorData[Code]
    ? [options?: DbtwinErrorOptions<Code>]
    : [options: DbtwinErrorOptions<Code> & { data: ErrorData[Code] }]

export class DbtwinError<Code extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'DbtwinError'
  readonly data: ErrorData[Code]
  /** The fix as the CLI words it (see DbtwinErrorOptions.cliFix). */
  readonly cliFix: string

  constructor(
    readonly code: Code,
    message: string,
    /** What the user should do about it, as one sentence. */
    readonly fix: string,
    ...[options]: OptionsArgument<Code>
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.data = options?.data ?? ({} as ErrorData[Code])
    this.cliFix = options?.cliFix ?? fix
  }

  /** Narrows to one code, so that `data` has that code's type. */
  is<C extends ErrorCode>(code: C): this is DbtwinError<C> {
    return (this.code as string) === code
  }

  /**
   * What the CLI prints: the message and the fix on one line. A message that lists problems, one per line below its
   * first, gets the fix on that first line, where it is read before the list.
   */
  toLine(): string {
    const [first, ...list] = this.message.split('\n')
    return [`${first!}. Fix: ${this.cliFix}`, ...list].join('\n')
  }
}
