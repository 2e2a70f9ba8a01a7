import { once } from 'node:events'
import { PassThrough } from 'node:stream'
import { sql, type Kysely } from 'kysely'
import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2'
import type { Column, TableRef } from '../../schema/schema.js'
import type { BulkWriter } from '../twin-target.js'
import type { CellValue } from '../../schema/cell-value.js'
import { utcText } from './mysql-time.js'

/**
 * Whether the twin's rows may go through LOAD DATA LOCAL INFILE, from the server's `@@local_infile`; when not, the
 * reason, said once as a note (the rows then go as multi-row INSERTs, as before issue 21.6).
 */
export function loadDataDecision(localInfile: unknown): { allowed: true } | { allowed: false; why: string } {
  if (Number(localInfile) === 1) return { allowed: true }
  return {
    allowed: false,
    why: 'rows are written as INSERTs, not LOAD DATA LOCAL INFILE: the server has local_infile off (set global local_infile = 1 for faster loading)',
  }
}

/**
 * The rows of a batch as lines of the file LOAD DATA reads (tab between fields, newline after each row), each value
 * as the INSERT path writes it: NULL as \N; text and bytes with the characters that mean something to the
 * FIELDS/LINES/ESCAPED clauses (backslash, tab, newline, and the NUL and CR a reader may not keep) escaped;
 * booleans as 1/0, as mysql2 binds them for a TINYINT; instants with an offset (`instants`) in UTC. The file is
 * read as CHARACTER SET binary, so bytes land as they are and text as its UTF-8.
 */
export function loadDataLines(rows: readonly CellValue[][], instants: readonly boolean[]): Buffer {
  // Text is gathered as one string and encoded once, rather than as a Buffer per field; bytes break it into parts.
  // A string is tested before it is escaped, and `instants` read only where it holds one: formatting the 1M rows of
  // bench/generate-mysql.ts took 0.55-0.64 s of CPU this way, 0.84-1.05 s before (load 10, three pairs).
  const parts: Buffer[] = []
  const anyInstant = instants.includes(true)
  let text = ''
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) text += '\t'
      const cell = row[i] ?? null
      const v = anyInstant && instants[i] === true ? utcText(cell) : cell
      if (typeof v === 'string') text += NEEDS_ESCAPE.test(v) ? v.replace(SPECIAL, escapeChar) : v
      else if (typeof v === 'number') text += String(v)
      else if (v === null) text += '\\N'
      else if (typeof v === 'boolean') text += v ? '1' : '0'
      else {
        parts.push(Buffer.from(text, 'utf8'), escapeBytes(Buffer.from(v.buffer, v.byteOffset, v.byteLength)))
        text = ''
      }
    }
    text += '\n'
  }
  parts.push(Buffer.from(text, 'utf8'))
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
}

/** The loads of a write whose file is still open, each with how to end it early (see loadDataWriter). */
export type LoadsInFlight = Set<() => Promise<void>>

/** Bytes per chunk of the file: one packet each, well under max_allowed_packet. */
const PACKET_BYTES = 1024 * 1024

const SPECIAL = /[\0\t\n\r\\]/g
const NEEDS_ESCAPE = /[\0\t\n\r\\]/
const ESCAPED_CHARS: Record<string, string> = {
  '\0': '\\0',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\\': '\\\\',
}
const escapeChar = (c: string) => ESCAPED_CHARS[c]!

/** Escape bytes of each special byte: the same characters as in text. */
const ESCAPES: Partial<Record<number, number>> = {
  0x00: 0x30,
  0x09: 0x74,
  0x0a: 0x6e,
  0x0d: 0x72,
  0x5c: 0x5c,
}

function escapeBytes(bytes: Buffer): Buffer {
  let extra = 0
  for (const b of bytes) if (ESCAPES[b] !== undefined) extra++
  if (extra === 0) return bytes
  const out = Buffer.allocUnsafe(bytes.length + extra)
  let o = 0
  for (const b of bytes) {
    const escaped = ESCAPES[b]
    if (escaped === undefined) out[o++] = b
    else {
      out[o++] = 0x5c
      out[o++] = escaped
    }
  }
  return out
}

/**
 * Streams a table's rows into one LOAD DATA LOCAL INFILE statement on a connection of its own, opened at the first
 * batch and finished by `end`. With LOCAL the server cannot stop the client mid-file, so MariaDB turns errors (a
 * duplicate key, a value out of range) into warnings and skips or clips the row; `end` therefore fails on any
 * warning or on a row count other than the rows sent, and the writer's undo drops or empties the table as for a
 * failed INSERT.
 */
export function loadDataWriter(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  pool: Pool,
  target: TableRef,
  columns: readonly Column[],
  inFlight: LoadsInFlight,
): BulkWriter {
  const statement = sql`load data local infile 'dbtwin-rows' into table ${sql.id(target.schema, target.name)}
    character set binary fields terminated by '\\t' escaped by '\\\\' lines terminated by '\\n'
    (${sql.join(columns.map((c) => sql.id(c.name)))})`.compile(db).sql
  const instants = columns.map((c) => c.type === 'timestamptz')
  const load = new LoadData(pool, target, statement, instants, inFlight)
  return { write: (rows) => load.write(rows), end: () => load.finish() }
}

/** The statement in flight: the file's stream, its connection, its result, and its failure alone (see write). */
interface OpenLoad {
  stream: PassThrough
  connection: PoolConnection
  done: Promise<ResultSetHeader>
  failed: Promise<never>
}

/** One table's LOAD DATA: opened at the first batch, fed batch by batch, then finished or abandoned. */
class LoadData {
  private load: OpenLoad | null = null
  private sent = 0
  // Once abandoned, a later batch must not open a new statement (and lock) that nothing would end, and a batch
  // waiting for 'drain' must stop waiting: an ended stream never emits it.
  private readonly abandoned = new AbortController()

  constructor(
    private readonly pool: Pool,
    private readonly target: TableRef,
    private readonly statement: string,
    private readonly instants: readonly boolean[],
    private readonly inFlight: LoadsInFlight,
  ) {}

  async write(rows: readonly CellValue[][]): Promise<void> {
    if (rows.length === 0) return
    if (this.isAbandoned()) throw this.stopped()
    this.load ??= await this.start()
    this.sent += rows.length
    const lines = loadDataLines(rows, this.instants)
    let ready = true
    // mysql2 sends each chunk as one packet, which must stay under max_allowed_packet (16 MB by default).
    for (let at = 0; at < lines.length; at += PACKET_BYTES)
      ready = this.load.stream.write(lines.subarray(at, at + PACKET_BYTES))
    if (!ready) await this.drained(this.load)
  }

  /** Ends the file and fails on any row the server skipped or clipped (it says so only in warnings). */
  async finish(): Promise<void> {
    if (this.load === null) return
    const { stream, connection, done } = this.load
    this.load = null
    this.inFlight.delete(this.abandon)
    try {
      stream.end()
      const result = await done
      if (result.warningStatus > 0 || result.affectedRows !== this.sent) {
        const warning = await firstWarning(connection)
        throw new Error(
          `LOAD DATA into ${this.target.schema}.${this.target.name} stored ${result.affectedRows} of ${this.sent} rows with ${result.warningStatus} warning(s)${warning === null ? '' : `, the first: ${warning}`}`,
        )
      }
    } finally {
      connection.release()
    }
  }

  // Ends the file where it is and lets the connection go, its rows left to the writer's undo: a statement left
  // waiting for more of its file would hold the table's lock, and the undo's DROP or TRUNCATE would wait forever.
  // A property, not a method: the same function is added to and deleted from `inFlight`.
  private readonly abandon = async (): Promise<void> => {
    this.abandoned.abort(this.stopped())
    this.inFlight.delete(this.abandon)
    if (this.load === null) return
    const { stream, connection, done } = this.load
    this.load = null
    stream.end()
    await done.catch(() => {})
    connection.release()
  }

  private async start(): Promise<OpenLoad> {
    // In flight from before the connection is had: a cancel while it is awaited must still stop this load.
    this.inFlight.add(this.abandon)
    const connection = await new Promise<PoolConnection>((resolve, reject) =>
      this.pool.getConnection((error, c) => (error ? reject(error) : resolve(c))),
    )
    if (this.isAbandoned()) {
      connection.release()
      throw this.stopped()
    }
    const stream = new PassThrough()
    const done = new Promise<ResultSetHeader>((resolve, reject) =>
      connection.query<ResultSetHeader>(
        { sql: this.statement, infileStreamFactory: () => stream },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    )
    // A statement the server refused ends a wait for drain that would never come (see drained).
    const failed = done.then(() => new Promise<never>(() => {}))
    done.catch(() => {})
    return { stream, connection, done, failed }
  }

  /** Waits until the stream takes more, or fails as the statement did, or stops when the load is abandoned. */
  private async drained({ stream, failed, connection }: OpenLoad): Promise<void> {
    try {
      await Promise.race([once(stream, 'drain', { signal: this.abandoned.signal }), failed])
    } catch (error) {
      // abandon ends the statement and lets its connection go itself (read anew: it aborts while this waits).
      if (this.isAbandoned()) throw this.stopped()
      this.load = null
      this.inFlight.delete(this.abandon)
      connection.release()
      throw error
    }
  }

  private isAbandoned(): boolean {
    return this.abandoned.signal.aborted
  }

  private stopped(): Error {
    return new Error(`the load into ${this.target.schema}.${this.target.name} was stopped`)
  }
}

async function firstWarning(connection: PoolConnection): Promise<string | null> {
  const rows = await new Promise<{ Message?: string }[]>((resolve, reject) =>
    connection.query('show warnings limit 1', (error, result) =>
      error ? reject(error) : resolve(result as { Message?: string }[]),
    ),
  )
  return rows[0]?.Message ?? null
}
