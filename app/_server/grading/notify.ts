import { EventEmitter } from "node:events";
import pg from "pg";
import type { Db } from "../db/client";
import { isPostgres } from "./jobs";

/**
 * PostgreSQL LISTEN/NOTIFY for verdicts, so that the web instance whose request waits for a verdict learns of it at
 * once instead of at the next poll ("ml_dojo_verdict", payload: the submission id). Queued jobs wake the graders
 * through graphile-worker's own NOTIFY (engine.ts). Polling stays as the fallback (a lost connection, SQLite).
 */
export const VERDICT_CHANNEL = "ml_dojo_verdict";

export async function notifyVerdict(db: Db, submissionId: string): Promise<void> {
  if (isPostgres(db)) await db.$executeRaw`SELECT pg_notify(${VERDICT_CHANNEL}, ${submissionId})`;
}

export interface QueueListener {
  /** "verdict" with the submission id. */
  events: EventEmitter;
  close(): Promise<void>;
}

/** One LISTEN connection, re-opened a second after it drops; callers keep polling meanwhile. */
export function listenToQueue(connectionString: string, log: (line: string) => void): QueueListener {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const open = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    client = c;
    c.on("notification", (n) => {
      if (n.channel === VERDICT_CHANNEL && n.payload) events.emit("verdict", n.payload);
    });
    c.on("error", (error) => {
      log(`the LISTEN connection failed (${error.message}); polling until it is back`);
      reopen();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${VERDICT_CHANNEL}`);
    } catch (error) {
      log(`LISTEN failed (${String(error)}); polling until it works`);
      reopen();
    }
  };
  const reopen = () => {
    const old = client;
    client = null;
    void old?.end().catch(() => {});
    if (!closed && !retry) {
      retry = setTimeout(() => {
        retry = undefined;
        if (!closed) void open();
      }, 1000);
      retry.unref();
    }
  };
  void open();
  return {
    events,
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}

/**
 * Resolves true when `done` emits the submission's id (its verdict was stored), false after `timeoutMs`. Both grading
 * workers (the SQLite queue and the PostgreSQL engine) answer `graded()` with it.
 */
export function verdictWithin(done: EventEmitter, submissionId: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      done.off(submissionId, on);
      resolve(false);
    }, timeoutMs);
    const on = () => {
      clearTimeout(t);
      resolve(true);
    };
    done.once(submissionId, on);
  });
}
