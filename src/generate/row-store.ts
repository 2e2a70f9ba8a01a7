/**
 * Per-row numbers of the table being generated, in a growable typed array (4 bytes a row, not a JavaScript
 * number's 8 and more); `forget` drops rows no one will look up again.
 */
export class RowStore {
  private data: Float32Array | Int32Array
  private length = 0
  private base = 0

  constructor(private readonly kind: 'index' | 'score') {
    this.data = kind === 'index' ? new Int32Array(1024) : new Float32Array(1024)
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown =
        this.kind === 'index' ? new Int32Array(this.data.length * 2) : new Float32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = value
  }

  at(row: number): number {
    return this.data[row - this.base]!
  }

  /** Undoes the push of `row`, if it happened. */
  popRow(row: number): void {
    if (this.length + this.base > row) this.length--
  }

  forget(): void {
    this.base += this.length
    this.length = 0
  }

  values(): Int32Array | Float32Array {
    return this.data.slice(0, this.length)
  }
}
