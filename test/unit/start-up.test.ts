import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { packagesLoaded, REGISTER_PACKAGE_HOOK } from '../support/package-hook.js'
import { runCli } from '../support/run-cli.js'

// Start-up is held by what loads, not by a clock (issue 21.5): a resolve hook in the CLI's process names every
// package it reaches, and each case lists what must stay on disk. Timings live in bench/startup.ts.

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string
  dependencies: Record<string, string>
}
const DEPENDENCIES = Object.keys(PACKAGE.dependencies)
const DRIVERS = ['pg', 'pg-copy-streams', 'mysql2', '@electric-sql/pglite']

/** Runs the CLI with the hook and returns its output and the dbtwin dependencies it loaded. */
async function loadedBy(args: string[]): Promise<{ code: number; stdout: string; loaded: string[] }> {
  const nodeOptions = [
    process.env['NODE_OPTIONS'],
    `--import=data:text/javascript,${encodeURIComponent(REGISTER_PACKAGE_HOOK)}`,
  ]
  const { code, stdout, stderr } = await runCli(args, { env: { NODE_OPTIONS: nodeOptions.join(' ').trim() } })
  const packages = packagesLoaded(stderr)
  return { code, stdout, loaded: DEPENDENCIES.filter((d) => packages.has(d)) }
}

describe('start-up', () => {
  it('dbtwin --version prints the version and loads none of its dependencies, commander included', async () => {
    for (const flag of ['--version', '-V']) {
      const run = await loadedBy([flag])
      expect(run).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, loaded: [] })
    }
  })

  it('dbtwin --help, which loads every command, loads no database driver: a URL loads its own', async () => {
    const run = await loadedBy(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Usage: dbtwin')
    // The hook saw the packages the commands do load, so an empty intersection is not a blind hook.
    expect(run.loaded).toContain('commander')
    expect(run.loaded.filter((p) => DRIVERS.includes(p))).toEqual([])
  })
})
