/**
 * A grader that dies mid-job: claims one grading job with a lease and SIGKILLs itself before any verdict, as a
 * crashed process would. Used by test/grading-queue.test.ts. Argument: the database target as JSON.
 */
import { createDb } from "../../app/_server/db/client";
import { claimJob } from "../../app/_server/grading/jobs";

const target = JSON.parse(process.argv[2]!) as Parameters<typeof createDb>[0];
const leaseMs = Number(process.argv[3] ?? "1000");
const db = await createDb(target);
const job = await claimJob(db, `doomed:${process.pid}`, leaseMs);
process.stdout.write(`${JSON.stringify(job)}\n`, () => process.kill(process.pid, "SIGKILL"));
