import { describe, expect, it } from 'vitest'
import { parseProjectConfig, resolveDatabase } from '../../src/config/project-config.js'

const env = { PROD_URL: 'postgres://reader:s3cret@replica:5432/clinic' }

describe('dbtwin.yaml', () => {
  const text = [
    'sources:',
    '  prod: ${PROD_URL}',
    'targets:',
    '  local: pglite://.dbtwin/twin',
    'default: { from: prod, to: local }',
    'rules: rules/',
    'scale: 0.25',
    'seed: 7',
    '',
  ].join('\n')

  it('reads sources, targets and defaults, with secrets from the environment', () => {
    const config = parseProjectConfig(text, 'dbtwin.yaml', env)
    expect(config).toMatchObject({
      rules: 'rules/',
      scale: 0.25,
      seed: 7,
      default: { from: 'prod', to: 'local' },
    })
    expect(resolveDatabase(config, 'source', undefined)).toBe(env.PROD_URL)
    expect(resolveDatabase(config, 'target', 'local')).toBe('pglite://.dbtwin/twin')
    expect(resolveDatabase(config, 'target', 'mysql://root@127.0.0.1:3306/x')).toBe(
      'mysql://root@127.0.0.1:3306/x',
    )
  })

  it.each([
    ['an unset variable', text, {}, /^dbtwin\.yaml:2:9: environment variable PROD_URL is not set/],
    [
      'a misspelled key',
      'sources: {}\ntargts: {}\n',
      env,
      /^dbtwin\.yaml:2:1: unknown key "targts" \(did you mean "targets"\?\)/,
    ],
    ['a wrong type', 'scale: lots\n', env, /^dbtwin\.yaml:1:8: scale: /],
    ['broken YAML', 'sources: [\n', env, /^dbtwin\.yaml:2:1: /],
  ])('names the place of %s', (_name, body, variables, message) => {
    expect(() => parseProjectConfig(body, 'dbtwin.yaml', variables)).toThrow(message)
  })

  it('names every problem together, each at its place', () => {
    const body = 'sources:\n  prod: ${PROD_URL}\n  dev: ${DEV_URL}\nscale: lots\nseeed: 3\n'
    expect(() => parseProjectConfig(body, 'dbtwin.yaml', {})).toThrow(
      'dbtwin.yaml: 2 problems\n  dbtwin.yaml:4:8: scale: Invalid input: expected number, received string\n' +
        '  dbtwin.yaml:5:1: unknown key "seeed" (did you mean "seed"?)',
    )
    const unset = () => parseProjectConfig(body.replace(/scale.*\nseeed.*\n/, ''), 'dbtwin.yaml', {})
    expect(unset).toThrow(
      'dbtwin.yaml: 2 problems\n  dbtwin.yaml:2:9: environment variable PROD_URL is not set\n' +
        '  dbtwin.yaml:3:8: environment variable DEV_URL is not set',
    )
    const thrown = (() => {
      try {
        return unset()
      } catch (error) {
        return error
      }
    })()
    expect(thrown).toMatchObject({ fix: 'export PROD_URL=… DEV_URL=… before running dbtwin' })
  })

  it('says which names exist when a database name is unknown', () => {
    const config = parseProjectConfig(text, 'dbtwin.yaml', env)
    expect(() => resolveDatabase(config, 'target', 'locl')).toThrow(
      /"locl" is neither a URL nor a target in dbtwin\.yaml \(did you mean "local"\?\)/,
    )
    expect(() => resolveDatabase(null, 'source', undefined)).toThrow(/no source database: pass --from <url>/)
  })
})
