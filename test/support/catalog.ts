import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "../../app/_server/env";

/**
 * A provider's description of every table, column, index, foreign key and enum, in a stable order, so that two
 * databases built in different ways can be compared for drift. Prisma's own bookkeeping table is left out.
 */
export async function schemaCatalog(target: DatabaseTarget): Promise<string[]> {
  return target.provider === "sqlite" ? sqliteCatalog(target.file) : postgresCatalog(target.url);
}

function sqliteCatalog(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const out: string[] = [];
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`)
      .all() as { name: string }[];
    for (const { name } of tables) {
      for (const c of db.pragma(`table_xinfo("${name}")`) as Record<string, unknown>[]) {
        out.push(`column ${name}.${String(c.name)} ${String(c.type)} notnull=${String(c.notnull)} default=${String(c.dflt_value)} pk=${String(c.pk)}`);
      }
      for (const i of db.pragma(`index_list("${name}")`) as { name: string; unique: number }[]) {
        const cols = (db.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name).join(",");
        out.push(`index ${name}.${i.name} unique=${i.unique} (${cols})`);
      }
      for (const f of db.pragma(`foreign_key_list("${name}")`) as Record<string, unknown>[]) {
        out.push(`fk ${name}.${String(f.from)} -> ${String(f.table)}.${String(f.to)} on_delete=${String(f.on_delete)} on_update=${String(f.on_update)}`);
      }
    }
    return out.sort();
  } finally {
    db.close();
  }
}

async function postgresCatalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: string[] = [];
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    for (const r of columns.rows as Record<string, unknown>[]) out.push(`column ${Object.values(r).map(String).join(" ")}`);
    const indexes = await client.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    for (const r of indexes.rows as Record<string, unknown>[]) out.push(`index ${Object.values(r).map(String).join(" ")}`);
    const constraints = await client.query(
      `SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '"_prisma_migrations"' AND c.conrelid::regclass::text <> '_prisma_migrations'`,
    );
    for (const r of constraints.rows as Record<string, unknown>[]) out.push(`constraint ${Object.values(r).map(String).join(" ")}`);
    const enums = await client.query(
      `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    for (const r of enums.rows as Record<string, unknown>[]) out.push(`enum ${Object.values(r).map(String).join(" ")}`);
    return out.sort();
  } finally {
    await client.end();
  }
}

/** Runs a whole SQL script (as `prisma migrate diff --script` prints it) on an empty database. */
export async function runScript(target: DatabaseTarget, sql: string): Promise<void> {
  if (target.provider === "sqlite") {
    const db = new Database(target.file);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
