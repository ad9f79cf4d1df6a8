import "server-only";
import { databaseTarget } from "../env";
import { createDb, type Db } from "./client";

export type { Db } from "./client";

/**
 * The one database client of this server process, created on first use and kept across hot reloads in dev.
 * Keyed by the target so that a test switching DATABASE_URL gets a client for the right database.
 */
const globalForDb = globalThis as unknown as { mlDojoDb?: Map<string, Promise<Db>> };

export function getDb(): Promise<Db> {
  const target = databaseTarget();
  const key = target.provider === "sqlite" ? `sqlite:${target.file}` : target.url;
  const cache = (globalForDb.mlDojoDb ??= new Map());
  let db = cache.get(key);
  if (!db) {
    db = createDb(target);
    cache.set(key, db);
  }
  return db;
}
