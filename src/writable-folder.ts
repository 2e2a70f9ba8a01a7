import { randomBytes } from 'node:crypto'
import { open, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/**
 * Why a file cannot be created in a folder, or null when it can: the folder is missing, is not a folder, or refuses
 * a file. Tried with a uniquely named empty file, removed at once, because permission bits do not tell: root passes
 * every access() check yet cannot create a file in /proc or /sys.
 *
 * @example await cannotWriteIn('/sys/kernel') // 'cannot create files in /sys/kernel (EACCES)'
 */
export async function cannotWriteIn(folder: string): Promise<string | null> {
  const found = await stat(folder).catch(() => null)
  if (found === null) return `folder ${folder} does not exist`
  if (!found.isDirectory()) return `${folder} is not a folder`
  const probe = join(folder, `.dbtwin-probe-${randomBytes(6).toString('hex')}`)
  try {
    await (await open(probe, 'wx')).close()
  } catch (error) {
    return `cannot create files in ${folder} (${(error as NodeJS.ErrnoException).code ?? 'error'})`
  }
  await rm(probe, { force: true })
  return null
}

/** The folder a new folder would be made in by `mkdir -p`: the nearest one of its ancestors that exists. */
export async function nearestExisting(path: string): Promise<string> {
  let current = path
  while ((await stat(current).catch(() => null)) === null && dirname(current) !== current)
    current = dirname(current)
  return current
}
