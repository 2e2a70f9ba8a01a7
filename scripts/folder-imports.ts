/**
 * The import boundaries of src/ (issue 22): no cycle between folders, and no driver reached from a pure folder.
 *
 *   node --import tsx scripts/folder-imports.ts [root=src]
 *
 * prints each folder cycle with the imports that close it, and each pure file that reaches a driver.
 *
 * Imports are read with the TypeScript compiler's `preProcessFile`, already a dev dependency: it lists a file's
 * static, type-only, re-exported and dynamic imports without parsing the file, so the whole of src/ takes well under
 * a second. eslint-plugin-import's no-cycle resolves every module for every file (minutes on this machine), and
 * dependency-cruiser would be a new dependency for what is a graph walk.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

/** Folders of pure code: no database code, so they import no driver, no kysely and nothing from src/dialects/. */
export const PURE_FOLDERS = ['graph', 'model', 'generate', 'stats', 'random', 'report/metrics'] as const

/** The modules that talk to a database: only src/dialects/ may import them. */
const DATABASE_MODULES = new Set([
  'kysely',
  'pg',
  'pg-copy-streams',
  'mysql2',
  'mysql2/promise',
  '@electric-sql/pglite',
])

/** One file's imports: other files of the tree (relative to the root, `/`-separated) and packages. */
interface FileImports {
  files: string[]
  packages: string[]
}

/** The imports of every TypeScript file under `root`, by file path relative to it. */
export function fileImports(root: string): Map<string, FileImports> {
  const base = resolve(root)
  const imports = new Map<string, FileImports>()
  for (const path of typeScriptFiles(base)) {
    const found: FileImports = { files: [], packages: [] }
    for (const { fileName } of ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) {
        found.packages.push(fileName)
        continue
      }
      // Sources import `./x.js` for `./x.ts` (ESM under NodeNext).
      const target = relative(base, resolve(dirname(path), fileName.replace(/\.js$/, '.ts')))
      if (!target.startsWith('..')) found.files.push(target.split(sep).join('/'))
    }
    imports.set(relative(base, path).split(sep).join('/'), found)
  }
  return imports
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

/** A file's folder: the first folder under the root, or the file itself for a file at the root (errors.ts). */
function folderOf(file: string): string {
  return file.split('/')[0]!
}

/** Folder → imported folder → the file imports behind that edge (`a/x.ts → b/y.ts`). */
export function folderGraph(imports: Map<string, FileImports>): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>()
  for (const [file, { files }] of imports) {
    const from = folderOf(file)
    const edges = graph.get(from) ?? new Map<string, string[]>()
    graph.set(from, edges)
    for (const target of files) {
      const to = folderOf(target)
      if (to !== from) edges.set(to, [...(edges.get(to) ?? []), `${file} → ${target}`])
    }
  }
  return graph
}

/** A group of folders that import each other, and the shortest cycle through its first folder. */
export interface FolderCycle {
  folders: string[]
  /** `['dialects', 'schema', 'dialects']`: breaking it may leave another cycle in the group. */
  cycle: string[]
}

/** The groups of folders that import each other (strongly connected components of the folder graph). */
export function folderCycles(graph: Map<string, Map<string, string[]>>): FolderCycle[] {
  return stronglyConnected(graph)
    .filter((folders) => folders.length > 1)
    .map((folders) => ({ folders, cycle: shortestCycle(graph, folders) }))
}

/** Tarjan's strongly connected components, folders sorted within each and components by their first folder. */
function stronglyConnected(graph: Map<string, Map<string, string[]>>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const components: string[][] = []
  const visit = (folder: string): void => {
    index.set(folder, index.size)
    low.set(folder, index.get(folder)!)
    stack.push(folder)
    for (const next of graph.get(folder)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(folder, Math.min(low.get(folder)!, low.get(next)!))
      } else if (stack.includes(next)) low.set(folder, Math.min(low.get(folder)!, index.get(next)!))
    }
    if (low.get(folder) !== index.get(folder)) return
    const component: string[] = []
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      component.push(member)
      if (member === folder) break
    }
    components.push(component.sort())
  }
  for (const folder of [...graph.keys()].sort()) if (!index.has(folder)) visit(folder)
  return components.sort((a, b) => a[0]!.localeCompare(b[0]!))
}

/** The shortest path from the component's first folder back to it, by breadth-first search inside the component. */
function shortestCycle(graph: Map<string, Map<string, string[]>>, component: string[]): string[] {
  const start = component[0]!
  const previous = new Map<string, string>()
  const queue = [start]
  for (let i = 0; i < queue.length; i++) {
    const folder = queue[i]!
    for (const next of [...(graph.get(folder)?.keys() ?? [])].sort()) {
      if (!component.includes(next) || previous.has(next)) continue
      previous.set(next, folder)
      if (next === start) return pathBack(previous, start)
      queue.push(next)
    }
  }
  throw new Error(`no cycle through ${start}`)
}

function pathBack(previous: Map<string, string>, start: string): string[] {
  const path = [start]
  for (let folder = previous.get(start)!; folder !== start; folder = previous.get(folder)!)
    path.unshift(folder)
  return [start, ...path]
}

/**
 * A cycle told with one import per step, and the group it lies in:
 * `dialects → schema → dialects (dialects/x.ts → schema/y.ts; schema/z.ts → dialects/w.ts) among dialects, schema`.
 */
export function describeCycle(
  graph: Map<string, Map<string, string[]>>,
  { folders, cycle }: FolderCycle,
): string {
  const steps = cycle.slice(1).map((to, i) => graph.get(cycle[i]!)!.get(to)![0]!)
  return `${cycle.join(' → ')} (${steps.join('; ')}) among ${folders.join(', ')}`
}

/**
 * Files of a pure folder that import, directly or through other files of the tree, a database module or a file of
 * src/dialects/: `model/x.ts → rules/y.ts → kysely`, one path per such file.
 */
export function impureImports(imports: Map<string, FileImports>): string[] {
  const isPure = (file: string) => PURE_FOLDERS.some((folder) => file.startsWith(`${folder}/`))
  const found: string[] = []
  for (const file of [...imports.keys()].filter(isPure)) {
    const path = pathToDatabase(imports, file)
    if (path !== null) found.push(path.join(' → '))
  }
  return found
}

/** The shortest import path from a file to a database module or a dialects/ file, or null when it reaches none. */
function pathToDatabase(imports: Map<string, FileImports>, start: string): string[] | null {
  const previous = new Map<string, string>([[start, start]])
  const queue = [start]
  const path = (file: string, last: string[]): string[] => {
    const steps = [...last]
    for (let at = file; at !== start; at = previous.get(at)!) steps.unshift(at)
    return [start, ...steps]
  }
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!
    const { files, packages } = imports.get(file) ?? { files: [], packages: [] }
    const driver = packages.find((name) => DATABASE_MODULES.has(name))
    if (driver !== undefined) return path(file, [driver])
    for (const next of files) {
      if (previous.has(next)) continue
      previous.set(next, file)
      if (next.startsWith('dialects/')) return path(next, [])
      queue.push(next)
    }
  }
  return null
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const imports = fileImports(process.argv[2] ?? 'src')
  const graph = folderGraph(imports)
  for (const cycle of folderCycles(graph)) console.log(`cycle: ${describeCycle(graph, cycle)}`)
  for (const path of impureImports(imports)) console.log(`pure file reaches the database: ${path}`)
}
