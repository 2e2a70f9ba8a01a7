import { Faker, allLocales, base, en, type LocaleDefinition, type Randomizer } from '@faker-js/faker'
import { seededRandom } from '../random/seeded-random.js'
import { didYouMean } from './nearest-name.js'

/**
 * Faker as rules use it: methods named by `module.method` paths, one instance per locale chain (the locale, then
 * English, then faker's base data, so a locale missing a dataset still answers).
 */

const fakers = new Map<string, Faker>()

export const FAKER_LOCALES: readonly string[] = Object.keys(allLocales)

/** A Faker for a locale name such as `de` or `fr_CA`; the caller seeds it before each use. */
export function fakerFor(locale: string | null): Faker {
  const name = locale ?? 'en'
  let faker = fakers.get(name)
  if (faker === undefined) {
    const definition = (allLocales as Record<string, LocaleDefinition | undefined>)[name]
    if (definition === undefined)
      throw new Error(`faker has no locale "${name}"${didYouMean(name, FAKER_LOCALES)}`)
    faker = new Faker({ locale: [definition, en, base], randomizer: cheapRandomizer() })
    fakers.set(name, faker)
  }
  return faker
}

/**
 * Rules reseed faker for every value (the seed comes from the value), so seeding must be cheap: faker's own
 * Mersenne Twister costs more to seed than the value costs to make. xoshiro128** from seededRandom seeds in a few
 * operations.
 */
function cheapRandomizer(): Randomizer {
  let random = seededRandom(0)
  return {
    next: () => random.next(),
    seed: (seed) => {
      random = seededRandom(...(Array.isArray(seed) ? seed : [seed]))
    },
  }
}

/** Every `module.method` a rule may name, for checking names and suggesting the nearest. */
export const FAKER_METHODS: readonly string[] = (() => {
  const faker = fakerFor('en') as unknown as Record<string, unknown>
  const methods: string[] = []
  for (const module of Object.keys(faker)) {
    const value = faker[module]
    if (module.startsWith('_') || module === 'fakerCore' || typeof value !== 'object' || value === null)
      continue
    let prototype: object | null = value
    const names = new Set<string>()
    while (prototype !== null && prototype !== Object.prototype) {
      for (const name of Object.getOwnPropertyNames(prototype)) names.add(name)
      prototype = Object.getPrototypeOf(prototype) as object | null
    }
    for (const name of names) {
      const member = (value as Record<string, unknown>)[name]
      if (name !== 'constructor' && !name.startsWith('_') && typeof member === 'function')
        methods.push(`${module}.${name}`)
    }
  }
  return methods.sort()
})()

const methodSet = new Set(FAKER_METHODS)

/** Why a method path is not one faker has, or null when it is. */
export function unknownFakerMethod(path: string): string | null {
  return methodSet.has(path) ? null : `faker has no method "${path}"${didYouMean(path, FAKER_METHODS)}`
}

/** Calls `module.method(...args)` on a faker. */
export function callFaker(faker: Faker, path: string, args: readonly unknown[]): unknown {
  const [module, method] = path.split('.') as [string, string]
  const owner = (faker as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[module]!
  return owner[method]!.apply(owner, args as unknown[])
}

/** The `{{module.method}}` placeholders of a template that faker does not have, as messages. */
export function unknownTemplateMethods(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([^}(\s]+)/g)].flatMap((m) => {
    const problem = unknownFakerMethod(m[1]!)
    return problem === null ? [] : [problem]
  })
}
