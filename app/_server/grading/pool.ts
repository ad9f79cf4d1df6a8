import "server-only";
import { createGraderPool, type GraderPool } from "../../../graders/supervisor/pool";
import { getDb } from "../db";
import { createDb } from "../db/client";
import { databaseTarget } from "../env";
import { listenToQueue, type QueueListener } from "./notify";
import type { SubmitQueue } from "./submit";
import { createGradingWorker, graderPoolSize, type GradingWorker } from "./worker";

export { graderPoolSize };

/**
 * ONE pool of grader child processes and ONE grading worker per server process, kept on globalThis so that a hot
 * reload in development does not start a second set of children. The pool's size is ML_DOJO_GRADERS, else the number
 * of cores (at most 4: the web server itself needs a core); ML_DOJO_GRADERS=0 makes a web-only instance whose
 * submissions are graded by other processes (`npm run grader`) taking jobs from the same database.
 */
const holder = globalThis as unknown as {
  mlDojoGraderPool?: GraderPool;
  mlDojoGradingWorker?: Promise<GradingWorker | null>;
  mlDojoQueueListener?: QueueListener | null;
};

const log = (line: string) => console.error(`[ml-dojo grading] ${line}`);

/** On PostgreSQL, this process's LISTEN connection for queued jobs and stored verdicts; null on SQLite. */
function getQueueListener(): QueueListener | null {
  if (holder.mlDojoQueueListener !== undefined) return holder.mlDojoQueueListener;
  const target = databaseTarget();
  holder.mlDojoQueueListener = target.provider === "postgresql" ? listenToQueue(target.url, log) : null;
  return holder.mlDojoQueueListener;
}

/** The grader pool of this process (for the "run" path); started on first use. */
export function getGraderPool(): GraderPool {
  if (holder.mlDojoGraderPool) return holder.mlDojoGraderPool;
  const pool = createGraderPool({ size: Math.max(1, graderPoolSize()), log: (line) => console.error(`[ml-dojo grader] ${line}`) });
  holder.mlDojoGraderPool = pool;
  return pool;
}

/** The grading worker of this process, or null in a web-only instance (ML_DOJO_GRADERS=0). */
export function getGradingWorker(): Promise<GradingWorker | null> {
  holder.mlDojoGradingWorker ??= (async () => {
    const slots = graderPoolSize();
    if (slots === 0) return null;
    // On PostgreSQL the worker has its own few connections, so that a burst of requests cannot take the pool's
    // connections from the graders. On SQLite it shares the one connection (two better-sqlite3 connections in one
    // process can block each other: the driver waits for a lock synchronously, holding the event loop).
    const target = databaseTarget();
    const db = target.provider === "postgresql" ? await createDb(target, { connections: 3 }) : await getDb();
    const worker = createGradingWorker({ db, grader: getGraderPool(), slots, log, listener: getQueueListener() ?? undefined });
    await worker.start();
    return worker;
  })();
  // A failed start (database down) is tried again by the next caller instead of being remembered.
  holder.mlDojoGradingWorker.catch(() => (holder.mlDojoGradingWorker = undefined));
  return holder.mlDojoGradingWorker;
}

/**
 * What the submit route waits with: this process's worker when it has one; in a web-only instance on PostgreSQL,
 * the verdict notifications of the graders elsewhere; otherwise nothing (the submit path polls).
 */
export async function getSubmitQueue(): Promise<SubmitQueue | null> {
  const worker = await getGradingWorker();
  if (worker) return worker;
  const listener = getQueueListener();
  if (!listener) return null;
  return {
    wake: () => {},
    graded: (submissionId, timeoutMs) =>
      new Promise((resolve) => {
        const on = (id: string) => {
          if (id !== submissionId) return;
          clearTimeout(t);
          listener.events.off("verdict", on);
          resolve(true);
        };
        const t = setTimeout(() => {
          listener.events.off("verdict", on);
          resolve(false);
        }, timeoutMs);
        listener.events.on("verdict", on);
      }),
  };
}
