import "server-only";
import { createGraderPool, type GraderPool } from "../../../graders/supervisor/pool";
import { getDb } from "../db";
import type { SubmitQueue } from "./submit";
import { createGradingWorker, graderPoolSize, type GradingWorker } from "./worker";

export { graderPoolSize };

/**
 * ONE pool of grader child processes and ONE grading worker per server process, kept on globalThis so that a hot
 * reload in development does not start a second set of children. The pool's size is ML_DOJO_GRADERS, else the number
 * of cores (at most 4: the web server itself needs a core); ML_DOJO_GRADERS=0 makes a web-only instance whose
 * submissions are graded by other processes (`npm run grader`) taking jobs from the same database.
 */
const holder = globalThis as unknown as { mlDojoGraderPool?: GraderPool; mlDojoGradingWorker?: Promise<GradingWorker | null> };

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
    const worker = createGradingWorker({ db: await getDb(), grader: getGraderPool(), slots });
    await worker.start();
    return worker;
  })();
  return holder.mlDojoGradingWorker;
}

/** What the submit route waits with: this process's worker when it has one. */
export async function getSubmitQueue(): Promise<SubmitQueue | null> {
  return getGradingWorker();
}
