import { readFile } from 'node:fs/promises'
import { DbtwinError } from '../errors.js'

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
}

/**
 * Reads the text of a file a flag names. A missing file, a folder in its place or a refused read is one line naming
 * the flag, where it was reported as an internal bug (issue 14).
 *
 * @example const text = await readInput('model.yaml', '--model')
 */
export async function readInput(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ''
    throw new DbtwinError(
      'FILE_NOT_READABLE',
      `${flag} ${file}: ${REASONS[code] ?? `cannot be read (${code || String(error)})`}`,
      `give ${flag} the path of a file you can read`,
      { cause: error },
    )
  }
}
