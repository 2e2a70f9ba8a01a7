/**
 * The information_schema tables dbtwin reads on MySQL and MariaDB, typed for Kysely so that catalog queries are
 * checked by the compiler. Only the columns used are declared.
 */
export interface MysqlCatalog {
  'information_schema.TABLES': {
    TABLE_SCHEMA: string
    TABLE_NAME: string
    /** BASE TABLE, VIEW, SYSTEM VIEW, SEQUENCE (MariaDB), SYSTEM VERSIONED (MariaDB). */
    TABLE_TYPE: string
    TABLE_ROWS: number | null
    TABLE_COMMENT: string
  }
  'information_schema.COLUMNS': {
    TABLE_SCHEMA: string
    TABLE_NAME: string
    COLUMN_NAME: string
    ORDINAL_POSITION: number
    COLUMN_DEFAULT: string | null
    IS_NULLABLE: 'YES' | 'NO'
    DATA_TYPE: string
    COLUMN_TYPE: string
    CHARACTER_MAXIMUM_LENGTH: number | null
    NUMERIC_PRECISION: number | null
    NUMERIC_SCALE: number | null
    DATETIME_PRECISION: number | null
    EXTRA: string
    GENERATION_EXPRESSION: string | null
    COLUMN_COMMENT: string
  }
  'information_schema.TABLE_CONSTRAINTS': {
    CONSTRAINT_SCHEMA: string
    CONSTRAINT_NAME: string
    TABLE_SCHEMA: string
    TABLE_NAME: string
    /** PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK. */
    CONSTRAINT_TYPE: string
  }
  'information_schema.KEY_COLUMN_USAGE': {
    CONSTRAINT_SCHEMA: string
    CONSTRAINT_NAME: string
    TABLE_SCHEMA: string
    TABLE_NAME: string
    COLUMN_NAME: string
    ORDINAL_POSITION: number
    REFERENCED_TABLE_SCHEMA: string | null
    REFERENCED_TABLE_NAME: string | null
    REFERENCED_COLUMN_NAME: string | null
  }
  'information_schema.REFERENTIAL_CONSTRAINTS': {
    CONSTRAINT_SCHEMA: string
    CONSTRAINT_NAME: string
    TABLE_NAME: string
    UPDATE_RULE: string
    DELETE_RULE: string
  }
  'information_schema.CHECK_CONSTRAINTS': {
    CONSTRAINT_SCHEMA: string
    CONSTRAINT_NAME: string
    CHECK_CLAUSE: string
    /** MariaDB only: its check names are unique per table, not per schema, so the table is part of the key. */
    TABLE_NAME: string
  }
  'information_schema.TRIGGERS': {
    TRIGGER_SCHEMA: string
    TRIGGER_NAME: string
    EVENT_OBJECT_TABLE: string
    ACTION_ORDER: number
  }
  'information_schema.ROUTINES': {
    ROUTINE_SCHEMA: string
    ROUTINE_NAME: string
    ROUTINE_TYPE: string
  }
  'information_schema.EVENTS': {
    EVENT_SCHEMA: string
    EVENT_NAME: string
  }
}
