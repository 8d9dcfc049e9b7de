/**
 * The real engines of the SQL tests: DuckDB through `@duckdb/node-api` (embedded) and PostgreSQL
 * through `@electric-sql/pglite` (PostgreSQL compiled to WebAssembly), both in-process, and the
 * purchase tables they load from CSV text; and, when PG_SOCKET names the socket directory of a
 * running PostgreSQL server (scripts/with-postgres.sh starts a throwaway one), that server through
 * `pg`, in a database of its own that is dropped at the end.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { SqlQuery } from '../../src/sql/dialect.js';

/** The engines of the tests: `postgres` is PGlite, `postgres-server` a PostgreSQL server. */
export type EngineName = 'duckdb' | 'postgres' | 'postgres-server';

/** The engines to test: PostgreSQL's server only when PG_SOCKET is set. */
export const ENGINE_NAMES: readonly EngineName[] = process.env.PG_SOCKET
  ? ['duckdb', 'postgres', 'postgres-server']
  : ['duckdb', 'postgres'];

/** The SQL dialect of an engine. */
export function dialectOfEngine(name: EngineName): 'duckdb' | 'postgres' {
  return name === 'duckdb' ? 'duckdb' : 'postgres';
}

export interface Engine {
  readonly name: EngineName;
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

/**
 * A PostgreSQL server on the Unix socket in `socketDir` (user postgres, trust authentication, as
 * scripts/with-postgres.sh starts it; PGUSER overrides the user), in a new database.
 */
export async function postgresServer(socketDir: string): Promise<Engine> {
  const user = process.env.PGUSER ?? 'postgres';
  const admin = new pg.Client({ host: socketDir, user, database: 'postgres' });
  await admin.connect();
  const database = `retention_test_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const db = new pg.Client({ host: socketDir, user, database });
  await db.connect();
  // CSV files for server-side COPY: the server's user must be able to read them.
  const dir = mkdtempSync(join(tmpdir(), 'retention-pg-'));
  chmodSync(dir, 0o755);
  let files = 0;
  return {
    name: 'postgres-server',
    async run(query) {
      const result = await db.query(query.sql, [...query.params]);
      return result.rows as Record<string, unknown>[];
    },
    async exec(sql) {
      await db.query(sql);
    },
    async load(table, csv) {
      const file = join(dir, `load-${files++}.csv`);
      writeFileSync(file, csv);
      chmodSync(file, 0o644);
      await db.query(`COPY ${table} FROM '${file}' WITH (FORMAT csv, HEADER true)`);
    },
    async close() {
      await db.end();
      await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
