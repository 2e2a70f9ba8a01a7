import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/dialects/open-database.js'
import { clusterName, writeShippedCluster } from '../../src/dialects/pglite/pglite-cluster.js'
import { packageFile } from '../../src/package-file.js'
import { runCli } from '../support/run-cli.js'
import { testDialects } from '../support/test-database.js'

// A new machine: a temp directory with no cluster kept in it. The package as packed ships one (prepack), which this
// test writes when it is missing; a run that ignored it would run initdb and keep a cluster in the temp directory.
const pglite = testDialects().some((d) => d.name === 'pglite')

describe.skipIf(!pglite)('pglite: a new database on a new machine', () => {
  let machine: string

  beforeAll(async () => {
    machine = mkdtempSync(join(tmpdir(), 'dbtwin_t_machine-'))
    if (!existsSync(packageFile(join('dist', await clusterName())))) await writeShippedCluster()
  }, 180_000)
  afterAll(() => {
    rmSync(machine, { recursive: true, force: true })
  })

  it('starts from the cluster the package ships, not from initdb: nothing kept in the temp directory', async () => {
    const db = `pglite://${join(machine, 'clinic')}`
    const made = await runCli(['sample', db, '--patients', '5'], { env: { TMPDIR: machine } })
    expect(made.code).toBe(0)
    expect(readdirSync(machine).filter((f) => f.includes('pglite-cluster'))).toEqual([])
    const clinic = await openDatabase(db, { readOnly: true })
    try {
      const { rows } = await sql<{ n: string }>`select count(*) as n from clinic.patients`.execute(clinic.db)
      expect(rows).toEqual([{ n: '5' }])
    } finally {
      await clinic.close()
    }
  }, 180_000)
})
