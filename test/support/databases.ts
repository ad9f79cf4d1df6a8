import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "../../app/_server/db/client";
import { migrate } from "../../app/_server/db/migrate";
import type { Provider } from "../../app/_server/db/schemas";
import type { DatabaseTarget } from "../../app/_server/env";

/**
 * Real databases for the tests: a SQLite file in a temporary folder, and a fresh PostgreSQL database on the
 * server of TEST_DATABASE_URL (.ci/run starts one). Locally without PostgreSQL the PostgreSQL runs are skipped
 * with a visible message; under CI=true a missing TEST_DATABASE_URL is an error, so CI can never skip them.
 */
export const PG_URL = process.env.TEST_DATABASE_URL;

if (!PG_URL && process.env.CI === "true") {
  throw new Error("CI=true but TEST_DATABASE_URL is unset: the PostgreSQL tests must run in CI (.ci/run starts a server and sets it).");
}
if (!PG_URL) {
  console.warn("⚠ TEST_DATABASE_URL is unset: PostgreSQL tests are SKIPPED (SQLite only). Start one with scripts/postgres-temp.sh.");
}

export const PROVIDERS: Provider[] = PG_URL ? ["sqlite", "postgresql"] : ["sqlite"];

export interface TestDatabase {
  target: DatabaseTarget;
  /** DATABASE_URL that points at this database (for code that reads the environment). */
  url: string;
  drop(): Promise<void>;
}

export async function emptyDatabase(provider: Provider): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "ml-dojo-test-"));
    const file = path.join(dir, "test.db");
    return {
      target: { provider, file, display: file },
      url: `file:${file}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!PG_URL) throw new Error("TEST_DATABASE_URL is unset");
  const name = `mldojo_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    target: { provider, url: url.toString(), display: name },
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface MigratedDatabase extends TestDatabase {
  db: Db;
}

/** A fresh database with every committed migration applied and a connected client. */
export async function migratedDatabase(provider: Provider): Promise<MigratedDatabase> {
  const empty = await emptyDatabase(provider);
  await migrate(empty.target);
  const db = await createDb(empty.target);
  return {
    ...empty,
    db,
    drop: async () => {
      await db.$disconnect();
      await empty.drop();
    },
  };
}
