import { describe, expect, it } from 'vitest'
import { mysqlStatementProblem } from '../../src/dialects/mysql/mysql-statement-shapes.js'
import type { SchemaObject } from '../../src/schema/schema.js'

const object = (
  kind: SchemaObject['kind'],
  statement: string,
  extra: Partial<SchemaObject> = {},
): SchemaObject => ({
  kind,
  schema: 'shop',
  name: 't',
  statement,
  phase: 'after-tables',
  requires: ['relation shop.t'],
  ...extra,
})

/** What the MySQL object reader makes of SHOW CREATE TABLE, kind by kind (sakila's, employee's and harder). */
const ACCEPTED: [SchemaObject['kind'], string][] = [
  ['table', 'ALTER TABLE `actor` ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci'],
  [
    'table',
    "ALTER TABLE `t` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci ROW_FORMAT=DYNAMIC COMMENT='it''s; a \\\\ table'",
  ],
  [
    'table',
    'ALTER TABLE `t` PARTITION BY RANGE (year(`d`))\n(PARTITION `p0` VALUES LESS THAN (2000) ENGINE = InnoDB)',
  ],
  [
    'column',
    'ALTER TABLE `actor` MODIFY COLUMN `actor_id` smallint(5) unsigned NOT NULL AUTO_INCREMENT, MODIFY COLUMN `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()',
  ],
  [
    'column',
    "ALTER TABLE `t` MODIFY COLUMN `a` varchar(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT 'x, y; z' COMMENT 'a \"c\" it''s', MODIFY COLUMN `p` decimal(5,2) DEFAULT 0.00, MODIFY COLUMN `g` enum('M','F') NOT NULL",
  ],
  [
    'column',
    'ALTER TABLE `t` MODIFY COLUMN `a` int(11) DEFAULT NULL CHECK (`a` >= 0), DROP COLUMN `b`, ADD COLUMN `b` int(11) GENERATED ALWAYS AS (`a` + 1) VIRTUAL AFTER `a`',
  ],
  ['index', 'ALTER TABLE `actor` ADD KEY `idx_actor_last_name` (`last_name`)'],
  ['index', 'ALTER TABLE `film_text` ADD FULLTEXT KEY `idx_title_description` (`title`,`description`)'],
  ['index', 'ALTER TABLE `t` ADD SPATIAL KEY `where` (`at`)'],
  ['index', "ALTER TABLE `t` ADD UNIQUE KEY `u` (`body`(20),`n` DESC) USING HASH COMMENT 'long, unique'"],
]

/** Each with what it smuggles in. */
const REFUSED: [SchemaObject['kind'], string, string][] = [
  ['table', 'ALTER TABLE `t` ENGINE=InnoDB; DROP TABLE `t`', 'a semicolon'],
  ['table', "ALTER TABLE `t` COMMENT='x\\'; DROP TABLE `t`; '", 'a backslash before a quote'],
  ['table', "ALTER TABLE `t` ENGINE=CONNECT `table_type`=CSV `file_name`='/etc/passwd'", 'not the statement'],
  ['table', "ALTER TABLE `t` ENGINE=FEDERATED CONNECTION='mysql://u@elsewhere/db/t'", 'not the statement'],
  [
    'table',
    "ALTER TABLE `t` PARTITION BY HASH (`id`) (PARTITION `p` DATA DIRECTORY = '/var/tmp' ENGINE = InnoDB)",
    'another directory',
  ],
  ['table', 'ALTER TABLE `t` ENGINE=InnoDB /*!50100 , DROP COLUMN `a` */', 'a comment'],
  ['table', 'ALTER TABLE `t` PARTITION BY HASH (`id`) (PARTITION `p` ENGINE = CONNECT)', 'engine CONNECT'],
  ['column', 'ALTER TABLE `t` MODIFY COLUMN `a` int(11), DROP COLUMN `b`', 'dropped and not added'],
  ['column', 'ALTER TABLE `t` MODIFY COLUMN `a` int(11), RENAME TO `u`', 'not the statement'],
  ['column', 'ALTER TABLE `t` MODIFY COLUMN `a` int(11) NOT NULL ENGINE=MEMORY', 'more than a column'],
  [
    'column',
    "ALTER TABLE `t` MODIFY COLUMN `a` int(11) PARTITION BY KEY () (PARTITION `p` INDEX DIRECTORY = '/tmp')",
    'more than a column',
  ],
  ['column', 'ALTER TABLE `t` MODIFY COLUMN `a` int(11) DEFAULT (select 1)', 'a subquery'],
  ['column', 'ALTER TABLE `t` MODIFY COLUMN `a` int(11) # ; DROP TABLE `t`', 'a comment'],
  ['index', 'ALTER TABLE `t` ADD KEY `k` (`a`), DROP PRIMARY KEY', 'not the statement'],
  ['index', 'ALTER TABLE `t` ADD KEY `k` ((`a` + 1))', 'not the statement'],
  ['view', 'CREATE VIEW `v` AS select 1 AS `1`', 'not a kind'],
]

describe('mysqlStatementProblem', () => {
  it('accepts the statements SHOW CREATE TABLE gives for a table, its columns and its keys', () => {
    for (const [kind, statement] of ACCEPTED)
      expect(mysqlStatementProblem(object(kind, statement)), statement).toBeNull()
  })

  it('refuses a second statement, a hidden clause, a file or a server reached, and code', () => {
    for (const [kind, statement, problem] of REFUSED)
      expect(mysqlStatementProblem(object(kind, statement)), statement).toContain(problem)
  })

  it('refuses a plain statement that carries its own sql_mode, which would change how its strings read', () => {
    const options = object('table', 'ALTER TABLE `t` ENGINE=InnoDB', { sqlMode: 'NO_BACKSLASH_ESCAPES' })
    expect(mysqlStatementProblem(options)).toContain('sql_mode')
  })
})
