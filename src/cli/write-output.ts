import { rename, writeFile } from 'node:fs/promises'

/** Prints text, or writes it to a file through a temporary name so a failure never leaves half a file. */
export async function writeOutput(text: string, file: string | undefined): Promise<void> {
  if (file === undefined) {
    process.stdout.write(text)
    return
  }
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, text, 'utf8')
  await rename(temporary, file)
  process.stderr.write(`wrote ${file}\n`)
}
