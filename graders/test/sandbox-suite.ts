import { afterAll, beforeAll } from "vitest";
import type { SandboxRunner } from "../grade";
import { createGraderPool, type GraderPool } from "../supervisor/pool";

/**
 * For a describe block whose tests grade in the real sandbox: one supervised grader child, started before the
 * block's tests and closed after them. Returns the runner to hand to gradeJob.
 */
export function sandboxForSuite(): SandboxRunner {
  let pool: GraderPool | undefined;
  beforeAll(async () => {
    pool = createGraderPool({ size: 1, log: () => {} });
    await pool.ready();
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
  });
  return (job) => pool!.runSandbox(job);
}
