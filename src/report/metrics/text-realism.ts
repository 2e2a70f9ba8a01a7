import { textWords } from '../../model/text-tokens.js'

/**
 * Text realism: whether a twin's words are the source's words. A twin of free text may write new sentences, but
 * a sentence of tokens the source never uses (`qzkvx wbrt`) is gibberish however well its lengths match. Tokens are
 * the words the word model cuts (textWords), so a twin written from released words finds every token. Pure.
 */

/**
 * The source's vocabulary of a column: tokens found in at least `k` of its values (k as for rare values, so a
 * token that could name one person is not a word of the vocabulary).
 *
 * @example vocabulary(['a b', 'a c', 'a'], 2) // Set { 'a' }
 */
export function vocabulary(values: readonly (string | number | null)[], k: number): Set<string> {
  const rows = new Map<string, number>()
  for (const v of values) {
    if (typeof v !== 'string') continue
    for (const token of new Set(textWords(v))) rows.set(token, (rows.get(token) ?? 0) + 1)
  }
  return new Set([...rows].filter(([, n]) => n >= k).map(([token]) => token))
}

/**
 * Share of the twin's tokens (every occurrence) found in the vocabulary; null when the twin has no tokens.
 *
 * @example vocabularyShare(['a x', 'a'], new Set(['a'])) // 0.6667
 */
export function vocabularyShare(
  values: readonly (string | number | null)[],
  words: ReadonlySet<string>,
): number | null {
  let found = 0
  let all = 0
  for (const v of values) {
    if (typeof v !== 'string') continue
    for (const token of textWords(v)) {
      all++
      if (words.has(token)) found++
    }
  }
  return all === 0 ? null : found / all
}

/**
 * Share of the twin's non-null values (every row) that the source holds; null when the twin has none.
 *
 * @example presentShare(['a', 'a', 'z'], new Set(['a'])) // 0.6667
 */
export function presentShare(
  values: readonly (string | number | null)[],
  source: ReadonlySet<string>,
): number | null {
  const present = values.filter((v) => v !== null)
  if (present.length === 0) return null
  return present.filter((v) => source.has(String(v))).length / present.length
}
