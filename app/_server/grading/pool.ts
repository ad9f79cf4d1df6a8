import "server-only";
import os from "node:os";
import { createGraderPool, type GraderPool } from "../../../graders/supervisor/pool";
import { getDb } from "../db";
import { regradeLeftovers } from "./regrade";

/**
 * ONE pool of grader child processes per server process, kept on globalThis so that a hot reload in development
 * does not start a second set of children. Its size is ML_DOJO_GRADERS, else the number of cores (at most 4: the
 * web server itself needs a core). The first use also re-grades what a previous process left unfinished.
 */
const holder = globalThis as unknown as { mlDojoGraderPool?: GraderPool };

export function graderPoolSize(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.ML_DOJO_GRADERS);
  if (Number.isInteger(configured) && configured >= 1 && configured <= 64) return configured;
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

export function getGraderPool(): GraderPool {
  if (holder.mlDojoGraderPool) return holder.mlDojoGraderPool;
  const pool = createGraderPool({ size: graderPoolSize(), log: (line) => console.error(`[ml-dojo grader] ${line}`) });
  holder.mlDojoGraderPool = pool;
  void (async () => {
    try {
      const report = await regradeLeftovers(await getDb(), pool);
      if (report.regraded > 0) console.log(`[ml-dojo] re-graded ${report.regraded} submission(s) left by an earlier start`);
    } catch (error) {
      console.error("[ml-dojo] re-grading leftover submissions failed; they stay queued for the next start:", error);
    }
  })();
  return pool;
}
