/**
 * Writes a new migration for both providers after prisma/schema.prisma changed:
 *   npm run db:diff -- add_hint_table
 * Each migration folder keeps the schema it was made from (schema.prisma beside migration.sql; Prisma ignores
 * it), which is the starting point of the next diff. `prisma migrate dev` cannot be used offline (shadow database).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MIGRATIONS_DIR, postgresSchemaText, SQLITE_SCHEMA } from "../app/_server/db/schemas";
import { migrationSql } from "./lib/prisma-cli";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:diff -- <name_in_snake_case>   (e.g. add_hint_table)");
  process.exit(2);
}

function latestSnapshot(): string | undefined {
  const dirs = readdirSync(MIGRATIONS_DIR.sqlite).filter((d) => existsSync(path.join(MIGRATIONS_DIR.sqlite, d, "schema.prisma"))).sort();
  const last = dirs.at(-1);
  return last ? path.join(MIGRATIONS_DIR.sqlite, last, "schema.prisma") : undefined;
}

const from = latestSnapshot();
const scratch = path.join(tmpdir(), `ml-dojo-db-diff-${process.pid}`);
mkdirSync(scratch, { recursive: true });
let pgFrom: string | "empty" = "empty";
if (from) {
  pgFrom = path.join(scratch, "from.postgresql.prisma");
  writeFileSync(pgFrom, postgresSchemaText(readFileSync(from, "utf8")));
}
const sqliteSql = await migrationSql("sqlite", from ?? "empty");
const pgSql = await migrationSql("postgresql", pgFrom);
rmSync(scratch, { recursive: true, force: true });

if (!/\b(CREATE|ALTER|DROP)\b/.test(sqliteSql)) {
  console.log("prisma/schema.prisma has no changes since the last migration; nothing written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const folder = `${stamp}_${name}`;
for (const [provider, sql] of [["sqlite", sqliteSql], ["postgresql", pgSql]] as const) {
  const dir = path.join(MIGRATIONS_DIR[provider], folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}
copyFileSync(SQLITE_SCHEMA, path.join(MIGRATIONS_DIR.sqlite, folder, "schema.prisma"));
console.log("Review both files, then commit them with the schema change.");
