/**
 * npm run grader: a standalone grading worker. It runs only grader children and takes jobs from the database of
 * DATABASE_URL (on this machine or another); it serves no HTTP and needs no app secret (NEXTAUTH_SECRET). The web
 * instances create the schema; this process never migrates. Size: ML_DOJO_GRADERS (default: cores, at most 4).
 * SIGINT/SIGTERM finish the jobs in hand and exit; a SIGKILL loses nothing (its heartbeat stops, and another grader
 * releases its jobs within seconds: the SQLite lease runs out, or on PostgreSQL graphile-worker's forceUnlockWorkers).
 */
import "./lib/require-pinned-node";
import os from "node:os";
import { createGraderPool } from "../graders/supervisor/pool";
import { createDb } from "../app/_server/db/client";
import { describeDatabaseError } from "../app/_server/db/errors";
import { ConfigError, databaseTarget, readEnv } from "../app/_server/env";
import { engineInstalled } from "../app/_server/grading/engine";
import { createGradingWorker, graderPoolSize } from "../app/_server/grading/worker";

let env;
try {
  env = readEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`ml-dojo grader: configuration error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
const target = databaseTarget(env);
const slots = Math.max(1, graderPoolSize());
const log = (line: string) => console.error(`[ml-dojo grader] ${line}`);
const db = await createDb(target);
// The schema (the app's and, on PostgreSQL, graphile-worker's) is created by the web instances' migration step only.
const schemaMissing = `Start a web instance once (npm start) so that the schema exists.`;
try {
  await db.graderWorker.count();
  if (target.provider === "postgresql" && !(await engineInstalled(db))) {
    console.error(`ml-dojo grader: the grading queue (graphile-worker's schema) is not installed in ${target.display}. ${schemaMissing}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`ml-dojo grader: ${describeDatabaseError(error, target) ?? "cannot read the grading queue"} (${target.display}). ${schemaMissing}`);
  process.exit(1);
}
const pool = createGraderPool({ size: slots, log });
await pool.ready();
const worker = createGradingWorker({ db, grader: pool, slots, log });
await worker.start();
console.log(`ml-dojo grader: ${slots} grader(s) on ${os.hostname()} taking jobs from ${target.display} (worker ${worker.id})`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log("ml-dojo grader: finishing the jobs in hand…");
    void worker
      .stop()
      .then(() => pool.close())
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
  });
}
