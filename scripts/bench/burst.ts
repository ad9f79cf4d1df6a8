/**
 * npm run bench:burst -- --students N --window S [--url http://host:port]
 * N learners sign up and sign in over HTTP, then all submit softmax within S seconds (one in five a naive softmax
 * that must fail). Prints p50/p95/max from request to verdict (the POST, then GET polling while PENDING, as the
 * page does), the status counts, the wrong verdicts and the load average. Without --url it starts the production
 * app (npm start, SQLite, fresh data directory); for PostgreSQL, start the app yourself with DATABASE_URL and
 * ML_DOJO_SUBMITS_PER_MINUTE high, and pass --url.
 * Load-independent figures (the machine is shared): --server-pid PID (any process of the server's process group)
 * prints the group's CPU per submission; --pg-data DIR the PostgreSQL server's; --db-url URL its statements (with
 * pg_stat_statements) and transactions per submission.
 */
import { randomUUID } from "node:crypto";
import { startApp, type RunningApp } from "../../test/browser/support/server";
import { costProbe, pgrpOfPid } from "../lib/bench-cost";
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
try {
  const run = randomUUID().slice(0, 8);
  const learners = Array.from({ length: students }, (_, i) => new Learner(base!, `burst-${run}-${i}@example.org`));
  const t0 = Date.now();
  await inParallel(learners, 8, (l) => l.signUpAndIn());
  console.log(`${students} learners signed up and in over HTTP in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`before the burst: ${loadAverage()}`);

  const serverPid = arg("server-pid", 0);
  const probe = await costProbe({ serverPgrp: serverPid ? pgrpOfPid(serverPid) : undefined, pgDataDir: stringArg("pg-data"), dbUrl: stringArg("db-url") });
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
  const ms = (v: number) => `${Math.round(v)} ms`;
  console.log(`\nburst: ${students} learners within ${windowS} s on ${base}`);
  console.log(`request to verdict: p50 ${ms(quantile(latencies, 0.5))}  p95 ${ms(quantile(latencies, 0.95))}  max ${ms(Math.max(...latencies))}`);
  console.log("status counts:");
  for (const [k, v] of [...statuses].sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(6)}  ${k}`);
  console.log(`wrong verdicts: ${wrong}`);
  console.log(await probe.report(students));
  console.log(`after the burst: ${loadAverage()}`);
} finally {
  await app?.stop();
}
