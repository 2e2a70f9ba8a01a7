/**
 * A count or size from information_schema. The pool reads BIGINT as a string (`bigNumberStrings`, so row values keep
 * their precision), and MariaDB declares these columns BIGINT where MySQL 8 uses INT: either may arrive.
 */
export type CatalogNumber = number | string

/**
 * The information_schema tables dbtwin reads on MySQL 8 and MariaDB 10.x, typed for Kysely so that catalog queries
 * are checked by the compiler. Only the columns used are declared, and only those both engines have, unless marked.
 *
 * @example
 * const db = new Kysely<MysqlCatalog>({ dialect: new MysqlDialect({ pool }) })
 * await db.selectFrom('information_schema.TABLES').select('TABLE_NAME').where('TABLE_SCHEMA', '=', 'shop').execute()
 */
export interface MysqlCatalog {
  'information_schema.TABLES': {
    TABLE_SCHEMA: string
    TABLE_NAME: string
    /** BASE TABLE, VIEW, SYSTEM VIEW; MariaDB adds SEQUENCE and SYSTEM VERSIONED. */
    TABLE_TYPE: string
    /** An estimate for InnoDB; null for views. */
    TABLE_ROWS: CatalogNumber | null
    TABLE_COMMENT: string
  }
  'information_schema.COLUMNS': {
    TABLE_SCHEMA: string
    TABLE_NAME: string
    COLUMN_NAME: string
    ORDINAL_POSITION: CatalogNumber
    /** MariaDB: the bare word `NULL` when there is none, string literals quoted. MySQL: null, literals unquoted. */
    COLUMN_DEFAULT: string | null
    IS_NULLABLE: 'YES' | 'NO'
    DATA_TYPE: string
    COLUMN_TYPE: string
    CHARACTER_MAXIMUM_LENGTH: CatalogNumber | null
    NUMERIC_PRECISION: CatalogNumber | null
    NUMERIC_SCALE: CatalogNumber | null
    DATETIME_PRECISION: CatalogNumber | null
    /** e.g. `auto_increment`, `STORED GENERATED`, `VIRTUAL GENERATED`, MySQL's `DEFAULT_GENERATED`. */
    EXTRA: string
    /** Null (MariaDB) or empty (MySQL) for an ordinary column. */
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
    ORDINAL_POSITION: CatalogNumber
    REFERENCED_TABLE_SCHEMA: string | null
    REFERENCED_TABLE_NAME: string | null
    REFERENCED_COLUMN_NAME: string | null
  }
  'information_schema.REFERENTIAL_CONSTRAINTS': {
    CONSTRAINT_SCHEMA: string
    CONSTRAINT_NAME: string
    TABLE_NAME: string
    /** CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION. */
    UPDATE_RULE: string
    DELETE_RULE: string
  }
  'information_schema.CHECK_CONSTRAINTS': {
    CONSTRAINT_SCHEMA: string
    CONSTRAINT_NAME: string
    CHECK_CLAUSE: string
    /**
     * MariaDB only: its check names are unique per table, not per schema (a column-level check is named after its
     * column), so the table is part of the key there. Query it only after checking that it exists.
     */
    TABLE_NAME: string
  }
  'information_schema.TRIGGERS': {
    TRIGGER_SCHEMA: string
    TRIGGER_NAME: string
    EVENT_OBJECT_TABLE: string
  }
  'information_schema.ROUTINES': {
    ROUTINE_SCHEMA: string
    ROUTINE_NAME: string
    /** FUNCTION or PROCEDURE (MariaDB also PACKAGE and PACKAGE BODY in Oracle mode). */
    ROUTINE_TYPE: string
  }
}
