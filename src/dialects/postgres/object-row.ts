import type { SchemaObjectKind, SchemaObjectPhase } from '../../schema/schema.js'

/** A schema object as the catalog queries read it (postgres-objects, postgres-privileges): one statement each. */
export interface ObjectRow {
  kind: SchemaObjectKind
  schema: string
  name: string
  statement: string
  phase: SchemaObjectPhase
  /** Null for a dependency on something no requirement names (a collation, an operator class of the server). */
  requires: (string | null)[]
}
