import { deflateSync } from 'node:zlib'
import type { Random } from '../random/seeded-random.js'

/**
 * Made-up file content for binary columns (issue 17.9): a photo column of a twin held empty bytes, which no
 * application that shows the photo accepts. A file of a type dbtwin can write is a valid, tiny one — a 1×1 PNG or
 * JPEG, a one-page PDF — padded inside its own structure (a PNG text chunk, a JPEG comment, a PDF comment) to the
 * size drawn; anything else is random bytes of that size.
 */
export const FILE_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const
export type FileType = (typeof FILE_TYPES)[number]

/** The type of a file by its first bytes, among those dbtwin writes; null for anything else. */
export function fileTypeOf(bytes: Uint8Array): FileType | null {
  const starts = (magic: readonly number[]) => magic.every((b, i) => bytes[i] === b)
  if (starts(PNG_SIGNATURE)) return 'image/png'
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'
  return null
}

/**
 * A file of the type, `size` bytes long — or the type's smallest valid file when `size` is smaller than that (67
 * bytes for a PNG, 159 for a JPEG, 328 for a PDF). A PNG's padding chunk needs 20 bytes of its own, so a PNG may be
 * up to 19 bytes longer than asked.
 *
 * @example fileContent('image/png', 2048, seededRandom(1, 'staff', 'picture', 0)) // 2048 bytes, `\x89PNG…IEND…`
 */
export function fileContent(type: FileType | null, size: number, random: Random): Uint8Array {
  switch (type) {
    case 'image/png':
      return png(size, random)
    case 'image/jpeg':
      return jpeg(size, random)
    case 'application/pdf':
      return pdf(size, random)
    case null: {
      const bytes = new Uint8Array(Math.max(0, size))
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random.next() * 256)
      return bytes
    }
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function png(size: number, random: Random): Uint8Array {
  const gray = Math.floor(random.next() * 256)
  // 1×1, 8-bit grayscale; the scanline is its filter byte (none) and the pixel.
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])
  const body = [chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from([0, gray])))]
  const end = chunk('IEND', Buffer.alloc(0))
  const fixed = PNG_SIGNATURE.length + body.reduce((n, c) => n + c.length, 0) + end.length
  const spare = size - fixed
  // A tEXt chunk (`Comment`, NUL, Latin-1 text) takes the padding: 12 bytes of frame, 8 of keyword.
  if (spare > 0) body.push(chunk('tEXt', Buffer.from(`Comment\0${letters(Math.max(0, spare - 20), random)}`)))
  return Buffer.concat([Buffer.from(PNG_SIGNATURE), ...body, end])
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

/**
 * The chunks of a PNG, or null when it is not one: the signature, IHDR first, IEND last, every length inside the
 * file and every CRC right.
 */
export function pngChunks(bytes: Uint8Array): string[] | null {
  if (fileTypeOf(bytes) !== 'image/png') return null
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const types: string[] = []
  for (let at = 8; at < view.length;) {
    if (at + 12 > view.length) return null
    const length = view.readUInt32BE(at)
    if (at + 12 + length > view.length) return null
    if (crc32(view.subarray(at + 4, at + 8 + length)) !== view.readUInt32BE(at + 8 + length)) return null
    types.push(view.toString('latin1', at + 4, at + 8))
    at += 12 + length
  }
  return types[0] === 'IHDR' && types.at(-1) === 'IEND' ? types : null
}

function jpeg(size: number, random: Random): Uint8Array {
  const segment = (marker: number, data: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0])
    head.writeUInt16BE(data.length + 2, 2)
    return Buffer.concat([head, data])
  }
  const oneCode = (tableClass: number) =>
    Buffer.from([tableClass << 4, 1, ...new Array<number>(15).fill(0), 0])
  // Start of image, then JFIF's APP0, which readers expect right after it.
  const start = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
  ])
  const frame = Buffer.concat([
    segment(0xdb, Buffer.from([0, ...new Array<number>(64).fill(1)])),
    // Baseline, 8 bits, 1×1, one component.
    segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    // One Huffman code each: DC difference category 0, AC end-of-block; both are the code `0`.
    segment(0xc4, oneCode(0)),
    segment(0xc4, oneCode(1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    // DC `0` and EOB `0`, then the byte filled with 1 bits; then the end of the image.
    Buffer.from([0x3f, 0xff, 0xd9]),
  ])
  // Comments (at most 65,533 bytes of text each) after APP0 take the padding.
  const comments: Buffer[] = []
  let spare = size - start.length - frame.length
  while (spare > 4) {
    const length = Math.min(spare - 4, 65_533)
    comments.push(segment(0xfe, Buffer.from(letters(length, random), 'latin1')))
    spare -= length + 4
  }
  return Buffer.concat([start, ...comments, frame])
}

function pdf(size: number, random: Random): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ]
  const build = (padding: string) => {
    let text = `%PDF-1.4\n${padding}`
    const offsets = objects.map((object, i) => {
      const at = text.length
      text += `${i + 1} 0 obj\n${object}\nendobj\n`
      return at
    })
    const xref = text.length
    text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
    for (const at of offsets) text += `${String(at).padStart(10, '0')} 00000 n \n`
    text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF`
    return text
  }
  const bare = build('')
  // A comment line of the missing length; the xref offset's digits may grow by one, so measure again.
  const spare = size - bare.length - 2
  let text = spare > 0 ? build(`%${letters(spare, random)}\n`) : bare
  if (spare > 0 && text.length > size) text = build(`%${letters(spare - (text.length - size), random)}\n`)
  return Buffer.from(text, 'latin1')
}

function letters(n: number, random: Random): string {
  const bytes = Buffer.alloc(n)
  for (let i = 0; i < n; i++) bytes[i] = 97 + Math.floor(random.next() * 26)
  return bytes.toString('latin1')
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 as PNG chunks take it (zlib.crc32 is missing before Node 20.15). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
