import mysql from 'mysql2/promise'

/**
 * SHOW CREATE of every table, view, routine, trigger and event of the database a MySQL/MariaDB URL names, by
 * `kind name`, made comparable between a source and its twin: AUTO_INCREMENT=N (the rows' own), DEFINER (the
 * writer's) and the database's own name (views of another database name it) are taken out. Triggers and events
 * carry the sql_mode they run under.
 */
export async function mysqlShowCreate(url: string): Promise<Map<string, string>> {
  const connection = await mysql.createConnection(url)
  const database = decodeURIComponent(new URL(url).pathname.slice(1))
  const shown = new Map<string, string>()
  try {
    const [relations] = await connection.query<mysql.RowDataPacket[]>(
      `select table_name as name, table_type as type from information_schema.tables where table_schema = ? order by 1`,
      [database],
    )
    const [routines] = await connection.query<mysql.RowDataPacket[]>(
      `select routine_name as name, routine_type as type from information_schema.routines where routine_schema = ?`,
      [database],
    )
    const [triggers] = await connection.query<mysql.RowDataPacket[]>(
      `select trigger_name as name from information_schema.triggers where trigger_schema = ?`,
      [database],
    )
    const [events] = await connection.query<mysql.RowDataPacket[]>(
      `select event_name as name from information_schema.events where event_schema = ?`,
      [database],
    )
    const objects = [
      ...relations.map((r) => ({ kind: r['type'] === 'VIEW' ? 'view' : 'table', name: String(r['name']) })),
      ...routines.map((r) => ({ kind: String(r['type']).toLowerCase(), name: String(r['name']) })),
      ...triggers.map((r) => ({ kind: 'trigger', name: String(r['name']) })),
      ...events.map((r) => ({ kind: 'event', name: String(r['name']) })),
    ]
    for (const { kind, name } of objects) {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(
        `show create ${kind} \`${name.replaceAll('`', '``')}\``,
      )
      const row = (rows[0] ?? {}) as Record<string, unknown>
      const statement = Object.entries(row).find(([key]) => /^(Create|SQL Original Statement)/.test(key))?.[1]
      const mode = kind === 'trigger' || kind === 'event' ? `\n-- sql_mode ${String(row['sql_mode'])}` : ''
      shown.set(
        `${kind} ${name}`,
        String(statement)
          .replace(/ AUTO_INCREMENT=\d+/, '')
          .replace(/DEFINER=`(?:[^`]|``)*`@`(?:[^`]|``)*` /, '')
          .replaceAll(`\`${database}\`.`, '') + mode,
      )
    }
  } finally {
    await connection.end()
  }
  return shown
}

/** Each object whose SHOW CREATE differs between the two, or which only one has, as `kind name: …`. */
export function showCreateDiffs(source: Map<string, string>, twin: Map<string, string>): string[] {
  const diffs: string[] = []
  for (const [key, statement] of source) {
    const other = twin.get(key)
    if (other === undefined) diffs.push(`${key}: missing on the twin`)
    else if (other !== statement) diffs.push(`${key}:\n  source: ${statement}\n  twin:   ${other}`)
  }
  for (const key of twin.keys()) if (!source.has(key)) diffs.push(`${key}: only on the twin`)
  return diffs
}
