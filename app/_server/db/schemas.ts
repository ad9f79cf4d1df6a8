import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

/**
 * prisma/schema.prisma (SQLite) is the one source of truth. The PostgreSQL schema is derived from it by swapping
 * the provider and the client's output folder, so the two can never be edited apart.
 */
export type Provider = "sqlite" | "postgresql";

export const PROJECT_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");
export const SQLITE_SCHEMA = path.join(PROJECT_ROOT, "prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.join(PROJECT_ROOT, "app/_generated/schema.postgresql.prisma");

export const MIGRATIONS_DIR: Record<Provider, string> = {
  sqlite: path.join(PROJECT_ROOT, "prisma/migrations"),
  postgresql: path.join(PROJECT_ROOT, "prisma/migrations-postgresql"),
};

function replaceOnce(source: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(source)) throw new Error(`prisma/schema.prisma: expected to find ${pattern} to derive the PostgreSQL schema`);
  return source.replace(pattern, replacement);
}

export function postgresSchemaText(sqliteSchema: string): string {
  let out = replaceOnce(sqliteSchema, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  out = replaceOnce(out, /url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost:5432/ml_dojo"');
  out = replaceOnce(out, /output\s*=\s*"\.\.\/app\/_generated\/sqlite"/, 'output     = "./postgresql"');
  return `// GENERATED from prisma/schema.prisma by app/_server/db/schemas.ts. Do not edit.\n${out}`;
}

/** Writes the derived PostgreSQL schema and returns its path. */
export function writePostgresSchema(): string {
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, postgresSchemaText(readFileSync(SQLITE_SCHEMA, "utf8")));
  return POSTGRES_SCHEMA;
}

export function schemaPath(provider: Provider): string {
  return provider === "sqlite" ? SQLITE_SCHEMA : writePostgresSchema();
}
