import type { Document } from 'yaml'
import { DbtwinError } from './errors.js'

/**
 * A parsed YAML document's value. Model, schema, rule and config files come from other machines and repositories,
 * so they are untrusted: an alias bomb (aliases of aliases, 10⁹ nodes from a few lines) is refused as a bad file
 * — the yaml library stops it at 100 aliases — instead of escaping as an internal error (issue 14).
 */
export function yamlValue(document: Document, fileName: string, fix: string): unknown {
  try {
    return document.toJS({ maxAliasCount: 100 })
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new DbtwinError('FILE_INVALID', `${fileName}: ${message}`, fix)
  }
}
