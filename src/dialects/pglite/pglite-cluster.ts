import { createRequire } from 'node:module'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { packageFile } from '../../package-file.js'

/**
 * An empty cluster to start a new PGlite database from, or null, and a plain initdb, if there is none and none can be
 * made. PGlite 0.5's initdb takes 19 s and 750 MB on this 2-core machine under load (issue 21.5; 0.6–0.9 s to unpack
 * a cluster instead), so it runs at most once per PGlite build: the package ships a cluster made when it was packed
 * (`npm pack` runs scripts/pglite-cluster.ts), and failing that the first run makes one and keeps it in the temp
 * directory. Read once per process.
 */
export function freshCluster(): Promise<Blob | null> {
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
