/**
 * npm run bench:burst -- --students N --window S [--url http://host:port]
 * N learners sign up and sign in over HTTP, then all submit softmax within S seconds (one in five a naive softmax
 * that must fail). Prints p50/p95/max from request to verdict (the POST, then GET polling while PENDING, as the
 * page does), the status counts, the wrong verdicts and the load average. Without --url it starts the production
 * app (npm start, SQLite, fresh data directory); for PostgreSQL, start the app yourself with DATABASE_URL and
 * ML_DOJO_SUBMITS_PER_MINUTE high, and pass --url (and --server-pid PID, the pid of its `npm start` or `next start`, for
 * the server's CPU figure).
 * Latency depends on what else runs on the machine; CPU seconds per submission do not: it prints those of the
 * server's process tree (web and grader children, from /proc; a tree, not a process group, because bubblewrap starts
 * the grader children in sessions of their own) and of this client, measured over the burst. On PostgreSQL, --pg-data
 * DIR adds the PostgreSQL server's CPU and --db-url URL its statements (with pg_stat_statements) and transactions per
 * submission.
 */
import { randomUUID } from "node:crypto";
import { startApp, type RunningApp } from "../../test/browser/support/server";
import { costProbe } from "../lib/bench-cost";
import { ownCpuSeconds, treeCpu } from "../lib/process-cpu";
import { arg, CORRECT_SOFTMAX, inParallel, Learner, loadAverage, NAIVE_SOFTMAX, quantile, stringArg } from "../lib/bench-http";

const students = arg("students", 100);
const windowS = arg("window", 10);
let app: RunningApp | undefined;
let base = stringArg("url");
if (!base) {
  process.env.ML_DOJO_SUBMITS_PER_MINUTE = "100000";
  console.log("starting the production app (builds first if the sources changed)…");
  app = await startApp("bench-burst");
  base = app.url;
}
const serverPid = app?.pid ?? arg("server-pid", 0);
try {
  const run = randomUUID().slice(0, 8);
  const learners = Array.from({ length: students }, (_, i) => new Learner(base!, `burst-${run}-${i}@example.org`));
  const t0 = Date.now();
  await inParallel(learners, 8, (l) => l.signUpAndIn());
  console.log(`${students} learners signed up and in over HTTP in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`before the burst: ${loadAverage()}`);

  const serverCpu0 = serverPid ? treeCpu(serverPid) : undefined;
  const clientCpu0 = ownCpuSeconds();
  const probe = await costProbe({ pgDataDir: stringArg("pg-data"), dbUrl: stringArg("db-url") });
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  let wrong = 0;
  const count = (k: string) => statuses.set(k, (statuses.get(k) ?? 0) + 1);
  await Promise.all(
    learners.map(async (l, i) => {
      await new Promise((r) => setTimeout(r, Math.random() * windowS * 1000));
      const naive = i % 5 === 4;
      const started = performance.now();
      try {
        const { http, submission } = await l.submitAndWait(naive ? NAIVE_SOFTMAX : CORRECT_SOFTMAX, `burst-${randomUUID()}`);
        latencies.push(performance.now() - started);
        const verdict = submission?.verdict?.status ?? "none";
        count(`HTTP ${http} ${submission?.status ?? "-"} ${verdict}`);
        if (submission?.status === "GRADED" && verdict !== (naive ? "failed" : "passed")) wrong++;
      } catch (error) {
        count(`network error: ${(error as Error).message}`);
      }
    }),
  );
  const serverCpu1 = serverPid ? treeCpu(serverPid) : undefined;
  const serverCpu = serverCpu1 && serverCpu0 ? serverCpu1.total - serverCpu0.total : NaN;
  const clientCpu = ownCpuSeconds() - clientCpu0;
  const ms = (v: number) => `${Math.round(v)} ms`;
  const perSubmission = (seconds: number) => (Number.isNaN(seconds) ? "n/a (pass --server-pid)" : `${((seconds * 1000) / students).toFixed(2)} ms (${seconds.toFixed(1)} s in all)`);
  console.log(`\nburst: ${students} learners within ${windowS} s on ${base}`);
  console.log(`request to verdict: p50 ${ms(quantile(latencies, 0.5))}  p95 ${ms(quantile(latencies, 0.95))}  max ${ms(Math.max(...latencies))}`);
  console.log("status counts:");
  for (const [k, v] of [...statuses].sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(6)}  ${k}`);
  console.log(`wrong verdicts: ${wrong}`);
  console.log(`CPU per submission: server (web + graders) ${perSubmission(serverCpu)}; this client ${perSubmission(clientCpu)}`);
  if (serverCpu1 && serverCpu0) {
    const part = (seconds: number) => `${((seconds * 1000) / students).toFixed(2)} ms`;
    console.log(`  of which the web server (next-server) ${part(serverCpu1.web - serverCpu0.web)}, the grader children ${part(serverCpu1.graders - serverCpu0.graders)}`);
  }
  if (stringArg("pg-data") || stringArg("db-url")) console.log(`PostgreSQL ${await probe.report(students)}`);
  console.log(`after the burst: ${loadAverage()}`);
} finally {
  await app?.stop();
}
