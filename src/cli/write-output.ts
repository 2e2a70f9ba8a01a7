import { rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { DbtwinError } from '../errors.js'
import { cannotWriteIn, nearestExisting } from '../writable-folder.js'

/** Prints text, or writes it to a file through a temporary name so a failure never leaves half a file. */
export async function writeOutput(text: string, file: string | undefined): Promise<void> {
  if (file === undefined) {
    process.stdout.write(text)
    return
  }
  await writeFileWhole(file, text)
  process.stderr.write(`wrote ${file}\n`)
}

/** Writes a file through a temporary name, removed again if the write fails, so no half file is ever left. */
export async function writeFileWhole(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    await writeFile(temporary, text, 'utf8')
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/**
 * Checks, before any work, that the file a flag names can be written: not a folder, in a folder that takes files.
 * Creates nothing: a learn that ran an hour used to fail only when it wrote its model (issue 14).
 */
export async function checkOutputFile(file: string | undefined, flag: string): Promise<void> {
  if (file === undefined) return
  const problem = (await stat(file).catch(() => null))?.isDirectory()
    ? `${file} is a folder`
    : await cannotWriteIn(dirname(file))
  if (problem !== null) {
    throw new DbtwinError(
      'OUTPUT_NOT_WRITABLE',
      `${flag} ${file}: ${problem}`,
      `give ${flag} a file name in a folder that exists and that you can write to`,
    )
  }
}

/** Checks, before any work, that the folder a flag names can be written into, or created where it is missing. */
export async function checkOutputFolder(folder: string, flag: string): Promise<void> {
  const problem = await cannotWriteIn(await nearestExisting(folder))
  if (problem !== null) {
    throw new DbtwinError(
      'OUTPUT_NOT_WRITABLE',
      `${flag} ${folder}: ${problem}`,
      `name a folder you can write to (it is created if missing), e.g. ${flag} ./twin-files`,
    )
  }
}
