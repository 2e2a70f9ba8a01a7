import type { Random } from '../random/seeded-random.js'

/**
 * Hands out parent rows like cards from a deck holding parent p `counts[p]` times, in random order: the rows of a
 * non-driving foreign key get each parent exactly as often as planned, where drawing with replacement left a
 * parent planned 3 children with none one time in twenty (pagila's staff sat in 425 of 500 stores, not 475).
 * `draw` picks without taking, so a pick refused (a pair a many-to-many key already holds) is drawn again;
 * `take` removes it. A deck run out is dealt again. A Fenwick tree keeps both at O(log parents).
 */
export class ParentDeal {
  private readonly tree: Float64Array
  private remaining = 0

  constructor(private readonly counts: Int32Array) {
    this.tree = new Float64Array(counts.length + 1)
    this.refill()
  }

  draw(random: Random): number {
    if (this.remaining === 0) this.refill()
    let target = Math.floor(random.next() * this.remaining)
    // Descend the tree: the parent whose share of the deck holds position `target`.
    let index = 0
    for (let step = highestBit(this.counts.length); step > 0; step >>= 1) {
      const next = index + step
      if (next <= this.counts.length && this.tree[next]! <= target) {
        index = next
        target -= this.tree[next]!
      }
    }
    return index
  }

  take(parent: number): void {
    for (let i = parent + 1; i <= this.counts.length; i += i & -i) this.tree[i]! -= 1
    this.remaining--
  }

  private refill(): void {
    const tree = this.tree
    tree.fill(0)
    this.remaining = 0
    for (let i = 1; i <= this.counts.length; i++) {
      tree[i]! += this.counts[i - 1]!
      this.remaining += this.counts[i - 1]!
      const up = i + (i & -i)
      if (up <= this.counts.length) tree[up]! += tree[i]!
    }
  }
}

function highestBit(n: number): number {
  let bit = 1
  while (bit * 2 <= n) bit *= 2
  return n === 0 ? 0 : bit
}
