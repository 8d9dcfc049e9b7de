/**
 * The real engines of the SQL tests: DuckDB through `@duckdb/node-api` (embedded) and PostgreSQL
 * through `@electric-sql/pglite` (PostgreSQL compiled to WebAssembly), both in-process, and the
 * purchase tables they load from CSV text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import type { SqlQuery } from '../../src/sql/dialect.js';

export interface Engine {
  readonly name: 'duckdb' | 'postgres';
  /** Runs a generated query and returns its rows as the client returns them. */
  run(query: SqlQuery): Promise<Record<string, unknown>[]>;
  /** Runs trusted test SQL (table creation). */
  exec(sql: string): Promise<void>;
  /** Loads CSV text (with a header) into an existing table. */
  load(table: string, csv: string): Promise<void>;
  close(): Promise<void>;
}

export async function duckdb(): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const dir = mkdtempSync(join(tmpdir(), 'retention-sql-'));
  let files = 0;
  return {
    name: 'duckdb',
    async run(query) {
      const reader = await connection.runAndReadAll(query.sql, [...query.params]);
      return reader.getRowObjects() as Record<string, unknown>[];
    },
    async exec(sql) {
      await connection.run(sql);
    },
    async load(table, csv) {
      const file = join(dir, `load-${files++}.csv`);
      writeFileSync(file, csv);
      await connection.run(`COPY ${table} FROM '${file}' (HEADER true, QUOTE '"', ESCAPE '"')`);
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgres(): Promise<Engine> {
  const db = await PGlite.create();
  return {
    name: 'postgres',
    async run(query) {
      const result = await db.query<Record<string, unknown>>(query.sql, [...query.params]);
      return result.rows;
    },
    async exec(sql) {
      await db.exec(sql);
    },
    async load(table, csv) {
      await db.query(`COPY ${table} FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], {
        blob: new Blob([csv]),
      });
    },
    async close() {
      await db.close();
    },
  };
}
