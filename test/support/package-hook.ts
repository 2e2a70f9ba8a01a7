/**
 * A resolve hook that names every package a Node.js process reaches, one `PKG <name>` line on stderr each, so a
 * test holds start-up by what loads rather than by a clock (issue 21.5).
 */
const HOOK = [
  'export async function resolve(specifier, context, next) {',
  '  const resolved = await next(specifier, context)',
  '  const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(resolved.url)',
  "  if (m) process.stderr.write('PKG ' + m[1] + '\\n')",
  '  return resolved',
  '}',
].join('\n')

/** A module statement that registers the hook: run it first (`--import=data:…` or at the head of a script). */
export const REGISTER_PACKAGE_HOOK = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`

/** The packages the hook named in a process's stderr. */
export function packagesLoaded(stderr: string): Set<string> {
  return new Set([...stderr.matchAll(/^PKG (.+)$/gm)].map((m) => m[1]!))
}
