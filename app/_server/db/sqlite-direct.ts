import type BetterSqlite3 from "better-sqlite3";

/**
 * The SQLite connection under the Prisma client, for the few statements every submission runs (submit, claim,
 * verdict, session check). Through Prisma each of them cost about 0.7 ms of CPU (its query compiler and interpreter,
 * and a fresh prepare per call: 62 % of the web process in a burst); here they are prepared once and run in one
 * synchronous transaction, in microseconds. Everything else keeps using Prisma.
 *
 * It is the same connection, so nothing here can wait for a lock held by this process. better-sqlite3 is
 * synchronous: a function given to transaction() runs to its end without the event loop turning, so no other
 * statement of this process comes in between. The one thing to respect is a Prisma interactive transaction, which
 * stays open across awaits on this same connection: direct statements wait until it has ended instead of joining it.
 */
export interface SqliteStatements {
  get<T>(sql: string, ...params: unknown[]): T | undefined;
  all<T>(sql: string, ...params: unknown[]): T[];
  run(sql: string, ...params: unknown[]): { changes: number };
}

export interface SqliteDirect {
  /** fn in one write transaction (BEGIN IMMEDIATE), once no Prisma transaction is open; an exception rolls back. */
  transaction<T>(fn: (q: SqliteStatements) => T): Promise<T>;
  /** fn without a transaction (each statement commits alone), once no Prisma transaction is open. */
  run<T>(fn: (q: SqliteStatements) => T): Promise<T>;
  /** Statements run so far (benchmarks count them). */
  statements(): number;
}

const handles = new WeakMap<object, SqliteDirect>();

/** The direct access of a client made by createDb on SQLite; undefined on PostgreSQL (or a wrapped client). */
export function sqliteDirect(client: object): SqliteDirect | undefined {
  return handles.get(client);
}

/**
 * Gives `client` direct access to the connection `connection()` returns (Prisma's current one: a client that was
 * disconnected and used again has a new one), or the direct access of another client (one derived by $extends).
 */
export function attachSqliteDirect(client: object, source: (() => BetterSqlite3.Database | undefined) | SqliteDirect): SqliteDirect {
  const direct = typeof source === "function" ? wrap(source) : source;
  handles.set(client, direct);
  return direct;
}

function wrap(connection: () => BetterSqlite3.Database | undefined): SqliteDirect {
  let cache = new Map<string, BetterSqlite3.Statement>();
  let current: BetterSqlite3.Database | undefined;
  let count = 0;
  const db = (): BetterSqlite3.Database => {
    const raw = connection();
    if (!raw?.open) throw new Error("The database connection is closed (the Prisma client was disconnected).");
    if (raw !== current) {
      current = raw;
      cache = new Map();
    }
    return raw;
  };
  const prepared = (sql: string): BetterSqlite3.Statement => {
    const raw = db();
    let stmt = cache.get(sql);
    if (!stmt) {
      // Timestamps in ms fit a double exactly; the adapter's default (BigInt) would only need converting back.
      stmt = raw.prepare(sql);
      if (stmt.reader) stmt.safeIntegers(false);
      cache.set(sql, stmt);
    }
    count++;
    return stmt;
  };
  const q: SqliteStatements = {
    get: <T>(sql: string, ...params: unknown[]) => prepared(sql).get(...params) as T | undefined,
    all: <T>(sql: string, ...params: unknown[]) => prepared(sql).all(...params) as T[],
    run: (sql: string, ...params: unknown[]) => ({ changes: prepared(sql).run(...params).changes }),
  };
  const idle = async (): Promise<void> => {
    // A Prisma interactive transaction is open on this connection: let it finish (it needs the event loop).
    while (db().inTransaction) await new Promise((r) => setImmediate(r));
  };
  return {
    async transaction<T>(fn: (q: SqliteStatements) => T): Promise<T> {
      await idle();
      count += 2; // BEGIN IMMEDIATE, COMMIT
      return db().transaction(() => fn(q)).immediate();
    },
    async run<T>(fn: (q: SqliteStatements) => T): Promise<T> {
      await idle();
      return fn(q);
    },
    statements: () => count,
  };
}

/** A DateTime as Prisma's SQLite adapter stores it (ISO 8601 with "+00:00"), so both read and compare alike. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** A stored DateTime (the adapter's ISO text; a number is epoch ms) as a Date. */
export function fromSqliteDate(value: string | number): Date {
  return new Date(value);
}

/** Nullable stored DateTime. */
export function fromSqliteDateOrNull(value: string | number | null): Date | null {
  return value === null ? null : new Date(value);
}
