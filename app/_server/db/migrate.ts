import { createHash, randomUUID } from "node:crypto";
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migrateEngine } from "../grading/engine";
import type { DatabaseTarget } from "../env";
import { MIGRATIONS_DIR, type Provider } from "./schemas";

/**
 * Applies the committed SQL migrations (prisma/migrations for SQLite, prisma/migrations-postgresql for
 * PostgreSQL) and records them in Prisma's own `_prisma_migrations` table with Prisma's checksum (sha256 of
 * migration.sql), so that `prisma migrate deploy` on a host with the schema engine agrees about what is applied.
 * Prisma's JS schema engine cannot migrate PostgreSQL offline (prisma/orm#27403), hence this runner.
 */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// Prisma's own definitions of its bookkeeping table, so both tools read and write the same rows.
const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
}

function plan(migrations: Migration[], rows: AppliedRow[]): Migration[] {
  const done = new Map<string, AppliedRow>();
  for (const row of rows) {
    if (row.finished_at === null) {
      throw new MigrationError(
        `Migration ${row.migration_name} started earlier but did not finish. Inspect the database, fix it by hand, then delete its row from _prisma_migrations and start again.`,
      );
    }
    done.set(row.migration_name, row);
  }
  for (const row of done.values()) {
    const local = migrations.find((m) => m.name === row.migration_name);
    if (local && local.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was edited after it was applied (checksum differs). Restore the committed file; schema changes need a new migration (npm run db:diff -- <name>).`,
      );
    }
  }
  return migrations.filter((m) => !done.has(m.name));
}

/** The text form Prisma's schema engine writes into SQLite's _prisma_migrations. */
function sqliteTimestamp(date = new Date()): string {
  return date.toISOString().replace(/Z$/, "+00:00");
}

/**
 * The database holds password hashes and every submission: only the server's own user may read it (SQLite gives the
 * -wal and -shm files the mode of the database file).
 */
function ownerOnly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((statSync(f).mode & 0o077) !== 0) chmodSync(f, 0o600);
    } catch {
      // not created (yet)
    }
  }
}

export function migrateSqlite(file: string, migrations: Migration[] = readMigrations(MIGRATIONS_DIR.sqlite)): MigrateResult {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file, { timeout: 15_000 });
  try {
    ownerOnly(file);
    db.pragma("journal_mode = WAL");
    ownerOnly(file);
    db.exec(SQLITE_TABLE);
    // BEGIN IMMEDIATE takes the write lock first, so two processes starting at once apply each migration once.
    const todo = db
      .transaction(() => {
        const rows = db.prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`).all() as AppliedRow[];
        const pending = plan(migrations, rows);
        for (const m of pending) {
          const id = randomUUID();
          const startedAt = sqliteTimestamp();
          db.exec(m.sql);
          db.prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
          ).run(id, m.checksum, sqliteTimestamp(), m.name, startedAt);
        }
        return pending.map((m) => m.name);
      })
      .immediate();
    return { applied: todo, alreadyApplied: migrations.length - todo.length };
  } finally {
    db.close();
  }
}

// Any constant works; it only has to be the same for every instance of ml-dojo.
const ADVISORY_LOCK_KEY = 727_462_001;

export async function migratePostgres(url: string, migrations: Migration[] = readMigrations(MIGRATIONS_DIR.postgresql)): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several app instances may start together against one database: one migrates, the others wait.
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    try {
      await client.query(POSTGRES_TABLE);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      );
      const pending = plan(migrations, rows);
      for (const m of pending) {
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
            [randomUUID(), m.checksum, m.name],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${(error as Error).message}`);
        }
      }
      // The grading queue's engine (grading/engine.ts) installs or upgrades its own schema, under the same lock.
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      // A connection error: the migration's own query fails and says why.
      pool.on("error", () => {});
      pool.on("connect", (c) => c.on("error", () => {}));
      try {
        await migrateEngine(pool);
      } finally {
        await pool.end();
      }
      return { applied: pending.map((m) => m.name), alreadyApplied: migrations.length - pending.length };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

export async function migrate(target: DatabaseTarget): Promise<MigrateResult> {
  return target.provider === "sqlite" ? migrateSqlite(target.file) : migratePostgres(target.url);
}

export function migrationsDir(provider: Provider): string {
  return MIGRATIONS_DIR[provider];
}
