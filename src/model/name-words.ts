import { de, en, es, fr, it, nl, type LocaleDefinition } from '@faker-js/faker'

/**
 * People's names as single words, from faker's English, German, French, Spanish, Dutch and Italian lists: what
 * the PII scan takes for a name in a value, and what a words model never releases from free text.
 */

/** Lower case, accents dropped, `ß` as `ss`: how names and words are compared. */
export function fold(text: string): string {
  return text.replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Lower-case particles a name may start with (`van der Berg`, `de Graaf`). */
export const NAME_PARTICLES = new Set(
  "van von de der den ten ter 't du des la le las los di da del della y".split(' '),
)

let personNames: Set<string> | undefined

/** Whether a word is a known first, middle or last name in one of the lists (in any case). */
export function isKnownName(word: string): boolean {
  personNames ??= new Set(
    [en, de, fr, es, nl, it]
      .flatMap((l) => [...namesOf(l, 'first_name'), ...namesOf(l, 'middle_name'), ...namesOf(l, 'last_name')])
      // `van de Brink`, `Espinosa de los Monteros`: each word but the particles is a name on its own.
      .flatMap((name) => fold(name).split(' '))
      .filter((word) => !NAME_PARTICLES.has(word)),
  )
  return personNames.has(fold(word))
}

function namesOf(locale: LocaleDefinition, key: 'first_name' | 'middle_name' | 'last_name'): string[] {
  const entry = locale.person?.[key] // null: a locale that deliberately has no such names
  return entry === undefined || entry === null
    ? []
    : [...(entry.generic ?? []), ...(entry.female ?? []), ...(entry.male ?? [])]
}

let englishWords: Set<string> | undefined

/**
 * Whether a word names a person: capitalized (`Hugo`), a known name, and none of faker's common English words
 * (`Hope`, `Brown`). The lists miss many (`Will`, `Rose` are names to them): a caller with the text at hand also
 * asks whether the word is written in lower case there.
 *
 * @example
 * isNameWord('Hugo') // true
 * isNameWord('Hope') // false
 */
export function isNameWord(token: string): boolean {
  if (!/^\p{Lu}[\p{Ll}'’-]+$/u.test(token) || !isKnownName(token)) return false
  englishWords ??= new Set(
    Object.values(en.word ?? {})
      .flatMap((list) => (Array.isArray(list) ? (list as string[]) : []))
      .map(fold),
  )
  return !englishWords.has(fold(token))
}
