/**
 * A grader that dies mid-job: claims one grading job and SIGKILLs itself before any verdict, as a crashed process
 * would. Used by test/grading-queue.test.ts. Arguments: the database target as JSON, the lease in ms (SQLite).
 * On PostgreSQL it is a real grading worker (graphile-worker's runner, heartbeats included) whose grader kills the
 * process once the job is locked; it prints the locked job as {submissionId, attempts}.
 */
import { createDb } from "../../app/_server/db/client";
import { claimJob, isPostgres } from "../../app/_server/grading/jobs";
import { createGradingWorker } from "../../app/_server/grading/worker";

const target = JSON.parse(process.argv[2]!) as Parameters<typeof createDb>[0];
const leaseMs = Number(process.argv[3] ?? "1000");
const db = await createDb(target);
const die = (job: unknown) => process.stdout.write(`${JSON.stringify(job)}\n`, () => process.kill(process.pid, "SIGKILL"));
if (isPostgres(db)) {
  const worker = createGradingWorker({
    db,
    slots: 1,
    leaseMs,
    log: () => {},
    grader: {
      async grade() {
        const [job] = await db.$queryRaw<{ key: string; attempts: number }[]>`SELECT key, attempts FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL`;
        die({ submissionId: job?.key, attempts: job?.attempts });
        return new Promise(() => {});
      },
    },
  });
  await worker.start();
} else {
  die(await claimJob(db, `doomed:${process.pid}`, leaseMs));
}
