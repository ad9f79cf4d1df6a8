import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

/**
 * The Prisma CLI runs with the JS schema engine through a driver adapter: no engine binary is downloaded.
 * Used for `prisma generate` and `prisma migrate diff` (scripts/prisma.ts); migrations are applied by
 * app/_server/db/migrate.ts on both providers (the JS engine cannot migrate PostgreSQL, prisma/orm#27403).
 * `prisma migrate deploy` on SQLite agrees with that runner (test/db/migrations.test.ts).
 */
const sqliteUrl = process.env.PRISMA_SQLITE_FILE ?? path.join("data", "ml-dojo.db");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    // The JS schema engine opens the database even for `migrate diff`; a fresh clone has no data/ yet.
    if (sqliteUrl !== ":memory:") mkdirSync(path.dirname(path.resolve(sqliteUrl)), { recursive: true });
    return new PrismaBetterSQLite3({ url: sqliteUrl });
  },
});
