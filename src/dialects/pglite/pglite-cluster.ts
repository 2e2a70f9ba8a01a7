import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { PGlite } from '@electric-sql/pglite'
import { packageFile } from '../../package-file.js'

/**
 * An empty cluster to start a new PGlite database from, or null, and a plain initdb, if there is none and none can be
 * made. PGlite 0.5's initdb takes 19 s and 750 MB on this 2-core machine under load (issue 21.5; 0.6–0.9 s to unpack
 * a cluster instead), so it runs at most once per PGlite build: the package ships a cluster made when it was packed
 * (`npm pack` runs scripts/pglite-cluster.ts), and failing that the first run makes one and keeps it in the temp
 * directory. Read once per process.
 */
function freshCluster(): Promise<Blob | null> {
  return (cluster ??= (async () => {
    try {
      const name = await clusterName()
      const kept =
        (await readFile(shippedCluster(name)).catch(() => null)) ??
        (await readFile(keptCluster(name)).catch(() => null))
      if (kept !== null) return new Blob([kept])
      const tarball = await makeCluster()
      // A temp directory that cannot be written to costs the next run an initdb, not this one.
      await writeAtomically(keptCluster(name), tarball).catch(() => {})
      return tarball
    } catch {
      return null
    }
  })())
}

let cluster: Promise<Blob | null> | undefined

/**
 * Starts a new database from the empty cluster: unpacked natively into its directory, or else handed to PGlite to
 * load (returned; always so in memory). PGlite's own loadDataDir writes through its emulated file system: 7.0–9.1 s
 * and 360 MB against 1.1–4.1 s to unpack plus 3.2–3.3 s and 300 MB to open (load 10–13, issue 21.5).
 */
export async function startCluster(dataDir: string | null): Promise<Blob | undefined> {
  const tarball = await freshCluster()
  if (tarball === null) return undefined
  if (dataDir === null) return tarball
  try {
    unpack(gunzipSync(Buffer.from(await tarball.arrayBuffer())), dataDir)
    return undefined
  } catch {
    return tarball
  }
}

/**
 * Writes a tar's folders and files under `dir`, PG_VERSION last: a folder left half written is no database, and
 * PGlite's loadDataDir (the fallback) writes over it. Only what PGlite's dumpDataDir writes is read: ustar folders
 * and regular files, with names under 255 characters. Synchronously: a thousand small files, each an await through
 * the thread pool, took 3.5–5 s (load 14), and nothing else runs while a database opens.
 */
function unpack(tar: Buffer, dir: string): void {
  let version: [string, Buffer] | null = null
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0;) {
    const field = (from: number, to: number) =>
      tar.toString('latin1', at + from, at + to).replace(/\0.*$/s, '')
    const name = `${field(345, 500)}${field(0, 100)}`.replace(/^\/+/, '')
    const size = parseInt(field(124, 136).trim() || '0', 8)
    const type = field(156, 157)
    const path = join(dir, name)
    if (name.split('/').includes('..')) throw new Error(`unsafe path ${name}`)
    if (type === '5') mkdirSync(path, { recursive: true, mode: 0o700 })
    else if (type === '0' || type === '') {
      const body = tar.subarray(at + 512, at + 512 + size)
      if (name === 'PG_VERSION') version = [path, body]
      else {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
        writeFileSync(path, body)
      }
    } else throw new Error(`tar entry ${name} of type ${type}`)
    at += 512 + Math.ceil(size / 512) * 512
  }
  if (version === null) throw new Error('no PG_VERSION in the cluster')
  writeFileSync(...version)
}

/** Writes the cluster the package ships (scripts/pglite-cluster.ts) and returns its path. */
export async function writeShippedCluster(): Promise<string> {
  const file = shippedCluster(await clusterName())
  // npm runs prepack before prepare's build, so dist/ may not exist yet.
  await mkdir(dirname(file), { recursive: true })
  await writeAtomically(file, await makeCluster())
  return file
}

/**
 * A cluster belongs to the PGlite build that made it: its version, and its WebAssembly's size, which a rebuild of
 * the same version changes too.
 */
export async function clusterName(): Promise<string> {
  // Resolved as require would, which vitest's module runner allows where it lacks import.meta.resolve.
  const entry = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite'))
  const { version } = JSON.parse(await readFile(new URL('../package.json', entry), 'utf8')) as {
    version: string
  }
  const wasm = await stat(new URL('pglite.wasm', entry))
  return `dbtwin-pglite-cluster-${version}-${wasm.size}.tar.gz`
}

const shippedCluster = (name: string) => packageFile(join('dist', name))
const keptCluster = (name: string) => join(tmpdir(), name)

async function makeCluster(): Promise<Blob> {
  const initdb = await PGlite.create()
  try {
    return await initdb.dumpDataDir('gzip')
  } finally {
    await initdb.close()
  }
}

/** Written aside and renamed into place, so a process starting alongside never reads half a file. */
async function writeAtomically(file: string, tarball: Blob): Promise<void> {
  const partial = `${file}.${process.pid}`
  await writeFile(partial, Buffer.from(await tarball.arrayBuffer()))
  await rename(partial, file)
}
