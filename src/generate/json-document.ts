import { round } from '../model/categories.js'
import type { JsonNode } from '../model/model.js'
import { keySegment } from '../model/json-paths.js'
import type { Random } from '../random/seeded-random.js'
import { interpolate } from '../model/quantile-draw.js'

/** Draws a string of a path from its learned strings (the text column sampler, see columnSampler). */
export type StringDraw = (strings: NonNullable<JsonNode['strings']>) => (random: Random) => string

/**
 * Draws documents of a learned path tree: each path's type by its shares, each key by its presence given its
 * parent, arrays by their lengths, leaves from their marginals. Only learned paths are ever written, so a twin's
 * path set is a subset of the model's; a value is always valid JSON (JSON.stringify of plain values).
 *
 * @example JSON.stringify(jsonDocumentSampler(node, stringDraw)(seededRandom(1, 't', 'c', 0)))
 */
export function jsonDocumentSampler(
  root: JsonNode,
  stringDraw: StringDraw,
  pathUniform: PathUniform = () => undefined,
): (random: Random) => unknown {
  return prepare(root, stringDraw, '$', pathUniform)
}

/**
 * The row's copula uniform for a numeric path (`$.bp.sys`) that joins the table's copula (issue 17.4), read when
 * the number is drawn; undefined for the others, which draw their own.
 */
export type PathUniform = (path: string) => number | undefined

function prepare(
  node: JsonNode,
  stringDraw: StringDraw,
  path: string,
  pathUniform: PathUniform,
): (random: Random) => unknown {
  const typeAt = cumulative(node.types.map((t) => t.frequency))
  const keys = (node.keys ?? []).map((k) => ({
    key: k.key,
    presence: k.node.presence,
    draw: prepare(k.node, stringDraw, `${path}${keySegment(k.key)}`, pathUniform),
  }))
  const items = node.items === undefined ? null : prepare(node.items, stringDraw, `${path}[]`, pathUniform)
  const lengths = node.lengths ?? []
  const lengthAt = cumulative(lengths.map((l) => l.frequency))
  const numbers = node.numbers
  const text = node.strings === undefined ? null : stringDraw(node.strings)
  return (random) => {
    switch (node.types[typeAt(random.next())]?.type) {
      case 'object': {
        const out: Record<string, unknown> = {}
        for (const k of keys) if (random.next() < k.presence) out[k.key] = k.draw(random)
        return out
      }
      case 'array': {
        // Without learned elements (too rare to write), arrays are written empty rather than invented.
        const length = items === null ? 0 : (lengths[lengthAt(random.next())]?.length ?? 0)
        // A loop: Array.from({ length }, …) held a third of this sampler's own time on the wide clinic (issue 21).
        const out: unknown[] = []
        for (let i = 0; i < length; i++) out.push(items!(random))
        return out
      }
      case 'number': {
        if (numbers === undefined) return 0
        const n = interpolate(numbers.quantiles, pathUniform(path) ?? random.next())
        return numbers.integer ? Math.round(n) : round(n, numbers.digits ?? 4)
      }
      case 'boolean':
        return random.next() < (node.trueShare ?? 0.5)
      case 'string':
        return text === null ? '' : text(random)
      default:
        return null
    }
  }
}

/** An index drawn in proportion to weights from a uniform; the last index for u past the total. */
function cumulative(weights: readonly number[]): (u: number) => number {
  const total = weights.reduce((a, b) => a + b, 0) || 1
  let sum = 0
  const sums = weights.map((w) => (sum += w / total))
  return (u) => {
    const i = sums.findIndex((s) => u < s)
    return i < 0 ? sums.length - 1 : i
  }
}
