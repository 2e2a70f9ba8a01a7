import { describe, expect, it } from 'vitest'
import { checkDigitOf, luhnValid, withCheckDigit } from '../../src/model/check-digits.js'
import { isNameWord } from '../../src/model/name-words.js'
import { textModelChoice } from '../../src/model/text-model-choice.js'
import { isWordToken, joinToken, textTokens, textWords } from '../../src/model/text-tokens.js'
import { wordModel } from '../../src/model/word-model.js'
import { textFromWords, wellFormed } from '../../src/model/text-from-words.js'
import { columnMeaning } from '../../src/generate/column-meaning.js'
import { seededRandom } from '../../src/random/seeded-random.js'

const PHRASES = [
  'Patient tolerated procedure well.',
  'Follow-up in two weeks.',
  'No complaints today; vitals stable.',
  'Patient reports mild pain, advised rest.',
]

/** 200 notes from a few phrases, one of them naming a rare person three times. */
function notes(): string[] {
  const out = Array.from({ length: 200 }, (_, i) => `${PHRASES[i % 4]!} ${PHRASES[(i * 7) % 4]!}`)
  out[17] = 'Patient tolerated procedure well. Spoke with Zebulon Quarrington, Zebulon Quarrington agreed.'
  return out
}

describe('text tokens', () => {
  it('cuts words, numbers and punctuation, keeping the space before a token and Unicode letters whole', () => {
    expect(textTokens('Naïve  café, 2 doses.\nZürich')).toEqual([
      'Naïve',
      ' café',
      ',',
      ' 2',
      ' doses',
      '.',
      ' Zürich',
    ])
    expect(textWords('Naïve café, 2 doses.')).toEqual(['naïve', 'café', '2', 'doses'])
  })

  it('joins tokens back into the same text, and never writes two words together', () => {
    const value = 'Follow-up in (two) weeks.'
    expect(textTokens(value).reduce(joinToken, '')).toBe(value)
    expect(joinToken('Patient', 'tolerated')).toBe('Patient tolerated')
  })

  it('reads a letter outside the Basic Multilingual Plane as one character when joining', () => {
    // 𝒳 is a letter written as a surrogate pair; 😀 is a symbol, also a pair; a lone surrogate is neither.
    expect(joinToken('Area 𝒳', 'north')).toBe('Area 𝒳 north')
    expect(joinToken('Fine 😀', 'north')).toBe('Fine 😀north')
    expect(joinToken('x\udc00', 'north')).toBe('x\udc00north')
    expect(isWordToken(' 𝒳')).toBe(true)
    // Asked twice: the second answer is the remembered one.
    expect(isWordToken('😀')).toBe(false)
    expect(isWordToken('😀')).toBe(false)
  })

  it('reads a token as a word as the Unicode classes do, ASCII or not', () => {
    // isWordToken and joinToken read ASCII without the regex; their answers must stay the regex's.
    const word = (token: string) => /^[\p{L}\p{M}\p{N}]+$/u.test(token.trimStart())
    const tokens = [
      ...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)),
      ...[
        '',
        ' ',
        ' a',
        '\ta1',
        ' \u001cx',
        'ab-c',
        'Zürich',
        ' café',
        '東京',
        '🦆',
        'x\u0301',
        '\u00a0y',
        '٣',
      ],
    ]
    for (const token of tokens) expect(isWordToken(token), JSON.stringify(token)).toBe(word(token))
    for (const end of ['a', '9', '-', ' ', 'é', '🦆', '٣', '\u0301'])
      expect(joinToken(`x${end}`, 'y'), JSON.stringify(end)).toBe(word(end) ? `x${end} y` : `x${end}y`)
  })
})

describe('word model', () => {
  it('releases tokens of at least minCount distinct rows, and pairs of released tokens only', () => {
    const model = wordModel(notes(), { minCount: 5 })!
    const tokens = model.vocabulary.map((v) => v.token)
    expect(tokens).toEqual(expect.arrayContaining(['Patient', ' tolerated', '.', ' weeks']))
    // Seen twice, but in one row: never released, nor any pair with it.
    expect(JSON.stringify(model)).not.toMatch(/Zebulon|Quarrington/)
    for (const pair of model.pairs) {
      for (const token of [pair.after, pair.token].filter((t) => t !== '')) expect(tokens).toContain(token)
    }
    expect(model.lengths.length).toBeGreaterThan(0)
  })

  it('releases nothing when no token reaches minCount', () => {
    expect(wordModel(['alpha beta', 'gamma delta'], { minCount: 2 })).toBeNull()
  })

  it('passes every count through the release function, and drops what falls under minCount', () => {
    const model = wordModel(notes(), { minCount: 5, release: () => 4 })
    expect(model).toBeNull()
  })

  it('writes values of released tokens only, within the column length', () => {
    const model = wordModel(notes(), { minCount: 5 })!
    const released = new Set(model.vocabulary.flatMap((v) => textWords(v.token)))
    const draw = textFromWords(model, 40)
    for (let i = 0; i < 300; i++) {
      const value = draw(seededRandom(1, 'notes', i))
      expect(value).not.toBeNull()
      expect(Array.from(value!).length).toBeLessThanOrEqual(40)
      for (const word of textWords(value!)) expect(released).toContain(word)
    }
  })
})

describe('words or shapes', () => {
  const npi = (i: number) => {
    const body = `1${String((i * 7_919_113) % 100_000_000).padStart(8, '0')}`
    return body + Array.from('0123456789').find((d) => luhnValid(`80840${body}${d}`))!
  }

  it('gives prose words, and codes their shapes and check digits', () => {
    expect(textModelChoice(notes(), { minCount: 5 }).words).toBeDefined()
    const icd = Array.from(
      { length: 100 },
      (_, i) => `${'ABCDE'[i % 5]!}${String(i % 90).padStart(2, '0')}.${i % 10}`,
    )
    expect(textModelChoice(icd, { minCount: 5 })).toEqual({
      shapesBecause: 'codes: 100% of values have a code shape',
    })
    const npis = Array.from({ length: 100 }, (_, i) => npi(i))
    expect(textModelChoice(npis, { minCount: 5 })).toMatchObject({ checkDigit: 'npi' })
    const cards = [
      '4111111111111111',
      '4012888888881881',
      '5555555555554444',
      '378282246310005',
      '6011111111111117',
    ]
    expect(checkDigitOf(cards, 5)).toBe('luhn')
  })

  it('gives capitalized names of things words: they repeat, codes do not', () => {
    const genres = Array.from({ length: 100 }, (_, i) => ['ACTION', 'COMEDY', 'DRAMA', 'HORROR'][i % 4]!)
    expect(textModelChoice(genres, { minCount: 5 }).words).toBeDefined()
  })

  it('never releases a person named in prose, however many notes name her; short values keep name-like words', () => {
    // A relative in 20 of 200 notes: K-anonymous as a token, still a person.
    const named = notes().map((n, i) =>
      i % 10 === 0 ? `${n} Called daughter Hugo, she will call.` : i % 10 === 1 ? `${n} Will call back.` : n,
    )
    const tokens = textModelChoice(named, { minCount: 5 }).words!.vocabulary.map((v) => v.token.trim())
    expect(tokens).toContain('daughter')
    expect(tokens).not.toContain('Hugo')
    // A name that the notes also write as a word (`she will`) is a word: `Will call back` keeps it.
    expect(isNameWord('Will')).toBe(true)
    expect(tokens).toContain('Will')
    expect(isNameWord('Hope')).toBe(false)
    // Two words a value are no prose: a street or a film may bear a name.
    const streets = Array.from({ length: 100 }, (_, i) => ['Hugo Lane', 'Mill Road', 'Oak Way'][i % 3]!)
    const streetWords = textModelChoice(streets, { minCount: 5 }).words!.vocabulary.map((v) => v.token.trim())
    expect(streetWords).toContain('Hugo')
  })

  it('sets a check digit that verifies', () => {
    expect(withCheckDigit('4111-1111-1111-1112', 'luhn')).toBe('4111-1111-1111-1111')
    expect(luhnValid(`80840${withCheckDigit('1234567890', 'npi')}`)).toBe(true)
  })
})

describe('values words cannot write (issue 17, steps 1 and 2)', () => {
  /** pagila-like cities: every name rare, a few words and brackets shared by many. */
  const rare = (i: number, salt: string) =>
    salt +
    Array.from(i.toString(26))
      .map((c) => String.fromCharCode(97 + parseInt(c, 26)))
      .join('')
  const cities = Array.from({ length: 300 }, (_, i) =>
    i % 3 === 0
      ? `San ${rare(i, 'Ciu')} (${rare(i, 'Reg')})`
      : i % 3 === 1
        ? `${rare(i, 'Nov')} de ${rare(i, 'Vil')}`
        : rare(i, 'Tow'),
  )

  it('walks few released words, with no dangling punctuation or empty brackets', () => {
    const choice = textModelChoice(cities, { minCount: 5 })
    expect(choice.shapesBecause).toBeUndefined()
    const released = new Set(choice.words!.vocabulary.map((v) => v.token.trim()))
    expect(released).toEqual(new Set(['San', 'de', '(', ')']))
    const write = textFromWords(choice.words!, 50)
    const values = Array.from({ length: 200 }, (_, i) => write(seededRandom(1, 'city', i)))
    for (const value of values) {
      expect(value).not.toBeNull()
      expect(textTokens(value!).every((t) => released.has(t.trim()))).toBe(true)
      expect(value).not.toMatch(/[(]/)
    }
  })

  it('walks titles whose words are never released at their start from any released word', () => {
    // Two words a title, each second word in 10 titles, every first word in one.
    const titles = Array.from(
      { length: 40 },
      (_, i) => `${rare(i, 'Fir')} ${['MOON', 'APOLLO', 'DUCK', 'BANG'][i % 4]!}`,
    )
    const choice = textModelChoice(titles, { minCount: 5 })
    expect(choice.words?.pairs.some((p) => p.after === '')).toBe(false)
    const write = textFromWords(choice.words!, 50)
    const values = Array.from({ length: 50 }, (_, i) => write(seededRandom(1, 'title', i))!)
    expect(values.every((v) => /^(MOON|APOLLO|DUCK|BANG) (MOON|APOLLO|DUCK|BANG)$/.test(v))).toBe(true)
    // An email's start is its form: no walk from the middle (`x.org`), its fallback writes it.
    const emails = Array.from({ length: 40 }, (_, i) => `${rare(i, 'u')}@mail.example.org`)
    expect(textModelChoice(emails, { minCount: 5 }).shapesBecause).toBe('no value start seen in 5 rows')
  })

  it('keeps few words that write most of the source, and many rare ones', () => {
    const states = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? `Rare${i}` : 'Active'))
    expect(textModelChoice(states, { minCount: 5 }).words).toBeDefined()
  })

  it('writes no empty brackets and no dangling punctuation', () => {
    const ends = (token: string) => token === '.'
    expect(wellFormed(['San', ' (', ')'], ends)).toBe(false)
    expect(wellFormed(['San', ' (', 'Ciudad'], ends)).toBe(false)
    expect(wellFormed(['San', ' de', ' ('], ends)).toBe(false)
    expect(wellFormed(['Follow', '-'], ends)).toBe(false)
    expect(wellFormed(['San', ' (', 'Ciudad', ')'], ends)).toBe(true)
    expect(wellFormed(['Wound', ' clean', '.'], ends)).toBe(true)
    expect(wellFormed(['San', ')', ' ('], ends)).toBe(false)
    expect(wellFormed(['San', ' (', '-', ')'], ends)).toBe(false)
    expect(wellFormed(['Follow', '-', '555', '-', '555', '-', 'up'], ends)).toBe(false)
    expect(wellFormed(['the', ' the', ' end'], ends)).toBe(false)
    expect(wellFormed(['Follow', '-', 'up', ' in', ' two', ' weeks', '.'], ends)).toBe(true)
  })

  it('writes the longest well-formed beginning of walks that are never well formed', () => {
    // Only `(` and `)` follow `San`, never a word: every walk is `San ()` or cut off.
    const model = {
      vocabulary: [
        { token: 'San', frequency: 1 },
        { token: ' (', frequency: 1 },
        { token: ')', frequency: 1 },
      ],
      pairs: [
        { after: '', token: 'San', frequency: 1 },
        { after: 'San', token: ' (', frequency: 1 },
        { after: ' (', token: ')', frequency: 1 },
        { after: ')', token: '', frequency: 1 },
      ],
      lengths: [{ tokens: 3, frequency: 1 }],
    }
    expect(textFromWords(model, 40)(seededRandom(1))).toBe('San')
    // Nothing well formed at all: the column's fallback writes the value.
    const closing = { ...model, pairs: [{ after: '', token: ')', frequency: 1 }], lengths: model.lengths }
    expect(textFromWords(closing, 40)(seededRandom(1))).toBeNull()
  })

  it('reads what a column holds from its name, the last recognizable part winning', () => {
    expect(columnMeaning('company')).toBe('company.name')
    expect(columnMeaning('BillingCity')).toBe('location.city')
    expect(columnMeaning('first_name')).toBe('person.firstName')
    expect(columnMeaning('LastName')).toBe('person.lastName')
    expect(columnMeaning('email_address')).toBe('location.streetAddress')
    expect(columnMeaning('contact_email')).toBe('internet.exampleEmail')
    expect(columnMeaning('address2')).toBe('location.streetAddress')
    expect(columnMeaning('title')).toBeNull()
    expect(columnMeaning('notes')).toBeNull()
  })
})
