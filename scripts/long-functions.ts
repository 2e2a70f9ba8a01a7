/**
 * Lists the functions longer than a limit (80 lines: issue 22's bar), longest first, as `lines file:line name`.
 *
 *   node --import tsx scripts/long-functions.ts [folder=src] [limit=80]
 *
 * A function's lines run from its first token to its closing brace, nested functions included; a nested function
 * over the limit is listed on its own as well.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

export interface LongFunction {
  file: string
  line: number
  name: string
  lines: number
}

/** Functions of the TypeScript files under `folder` longer than `limit` lines, longest first. */
export function longFunctions(folder: string, limit: number): LongFunction[] {
  const found = typeScriptFiles(folder).flatMap((file) => longFunctionsIn(file, limit))
  return found.sort((a, b) => b.lines - a.lines)
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

function longFunctionsIn(file: string, limit: number): LongFunction[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true)
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1
  const found: LongFunction[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const line = lineOf(node.getStart())
      const lines = lineOf(node.end) - line + 1
      if (lines > limit) found.push({ file, line, name: functionName(node), lines })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** The function's own name, else the name of the variable or property it is assigned to. */
function functionName(node: ts.SignatureDeclaration): string {
  if (node.name !== undefined) return node.name.getText()
  const parent = node.parent
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText()
  return '(anonymous)'
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const [folder = 'src', limit = '80'] = process.argv.slice(2)
  for (const f of longFunctions(folder, Number(limit)))
    console.log(`${f.lines} ${f.file}:${f.line} ${f.name}`)
}
