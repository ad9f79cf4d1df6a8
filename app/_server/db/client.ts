import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../../_generated/postgresql/client";
import { PrismaClient as SqliteClient } from "../../_generated/sqlite/client";
import type { DatabaseTarget } from "../env";
import { attachSqliteDirect } from "./sqlite-direct";

/** The adapter of a SQLite client, keeping its connection for the statements of sqlite-direct.ts. */
class DirectSqliteAdapter extends PrismaBetterSQLite3 {
  connection: BetterSqlite3.Database | undefined;
  override async connect(): ReturnType<PrismaBetterSQLite3["connect"]> {
    const adapter = await super.connect();
    // The adapter's public `client` is the better-sqlite3 connection it runs every query on.
    this.connection = (adapter as unknown as { client: BetterSqlite3.Database }).client;
    return adapter;
  }
}

/**
 * The Prisma client of either provider. Both are generated from the same schema (app/_server/db/schemas.ts), so
 * their model APIs are the same; the SQLite client's type stands for both. Two clients exist because a client
 * generated for one provider refuses the other provider's driver adapter.
 */
export type Db = SqliteClient;

/** The connection string of each PostgreSQL client, for the job engine's own pool (grading/engine.ts). */
const postgresUrls = new WeakMap<object, string>();

export function postgresUrlOf(db: Db): string | undefined {
  return postgresUrls.get(db);
}

export async function createDb(target: DatabaseTarget, options: { connections?: number } = {}): Promise<Db> {
  if (target.provider === "postgresql") {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url, max: options.connections ?? 10 }) });
    postgresUrls.set(client, target.url);
    // Same schema, same generated model API: the types differ only by name (see above).
    return client as unknown as Db;
  }
  const adapter = new DirectSqliteAdapter({ url: target.file, timeout: 15_000 });
  const client = new SqliteClient({ adapter });
  // The adapter holds one connection; SQLite enforces foreign keys (and so onDelete) only when asked per connection.
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  attachSqliteDirect(client, () => adapter.connection);
  return client;
}
