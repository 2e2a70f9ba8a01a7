/**
 * Writes the empty PGlite cluster the package ships (dist/dbtwin-pglite-cluster-<PGlite version>-<wasm size>.tar.gz,
 * 4.5 MB), so that a new PGlite database on a new machine is unpacked, not made by initdb (issue 21.5). `npm pack`
 * and `npm publish` run it (prepack); a PGlite other than the one it was made with ignores the file.
 *
 *   node --import tsx scripts/pglite-cluster.ts
 */
import { writeShippedCluster } from '../src/dialects/pglite/pglite-cluster.js'

const started = performance.now()
const file = await writeShippedCluster()
console.log(`wrote ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
