/**
 * DATABASE_URL=postgresql://… npm run bench:multi [-- --submissions 500 --window 10]
 * Two web-only instances (ML_DOJO_GRADERS=0) and two standalone graders (npm run grader) on one PostgreSQL
 * database; a burst of submissions spread over both instances within the window; 4 s in, SIGKILL of one web
 * instance and one grader (whole process groups). Requests cut off on the killed instance go again, with the same
 * clientSubmissionId, to the other one (as the page's retry through a proxy would). Prints p50/p95/max request to
 * verdict, lost (a sent submission never stored), stuck (still PENDING 30 s after the kill), duplicates and
 * progress miscounts (targets: 0), and the load average. The database should be fresh or reserved for the bench.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "../../app/_server/db/client";
import { freePort, killGroup, startProcess, type AppProcess } from "../lib/bench-app";
import { arg, CORRECT_SOFTMAX, inParallel, Learner, loadAverage, NAIVE_SOFTMAX, quantile } from "../lib/bench-http";

const url = process.env.DATABASE_URL;
if (!url?.startsWith("postgres")) {
  console.error("bench:multi needs DATABASE_URL=postgresql://… (several instances share one PostgreSQL database).");
  process.exit(2);
}
const total = arg("submissions", 500);
const windowS = arg("window", 10);
const dataDir = mkdtempSync(path.join(tmpdir(), "ml-dojo-bench-multi-"));
const secret = randomUUID() + randomUUID();
const common = { DATABASE_URL: url, NEXTAUTH_SECRET: secret, ML_DOJO_DATA_DIR: dataDir, ML_DOJO_SUBMITS_PER_MINUTE: "100000" };

const ports = [await freePort(), await freePort()];
const bases = ports.map((p) => `http://127.0.0.1:${p}`);
console.log("starting two web-only instances and two graders (the first start builds if the sources changed)…");
const first = startProcess("scripts/start.ts", { ...common, PORT: String(ports[0]), HOST: "127.0.0.1", NEXTAUTH_URL: bases[0]!, ML_DOJO_GRADERS: "0" }, "ml-dojo is running at");
await first.running;
const web: AppProcess[] = [
  first,
  startProcess("scripts/start.ts", { ...common, PORT: String(ports[1]), HOST: "127.0.0.1", NEXTAUTH_URL: bases[1]!, ML_DOJO_GRADERS: "0" }, "ml-dojo is running at"),
];
const graders: AppProcess[] = [0, 1].map(() => startProcess("scripts/grader.ts", { DATABASE_URL: url, ML_DOJO_GRADERS: "2" }, "taking jobs from"));
await Promise.all([...web, ...graders].map((p) => p.running));

const run = randomUUID().slice(0, 8);
const learners = Array.from({ length: Math.ceil(total / 2) }, (_, i) => new Learner(bases[i % 2]!, `multi-${run}-${i}@example.org`));
await inParallel(learners, 8, (l) => l.signUpAndIn());
console.log(`${learners.length} learners signed up (half on each instance); ${total} submissions within ${windowS} s; SIGKILL of web 1 and grader 1 at 4 s`);

const latencies: number[] = [];
let wrong = 0;
let failedOver = 0;
const ids: string[] = [];
const killAt = Date.now() + 4000;
const killer = setTimeout(() => {
  killGroup(web[0]!.child, "SIGKILL");
  killGroup(graders[0]!.child, "SIGKILL");
}, 4000);
await Promise.all(
  Array.from({ length: total }, async (_, i) => {
    await new Promise((r) => setTimeout(r, Math.random() * windowS * 1000));
    const learner = learners[i % learners.length]!;
    const naive = i % 5 === 4;
    const id = `multi-${randomUUID()}`;
    ids.push(id);
    const started = performance.now();
    const code = naive ? NAIVE_SOFTMAX : CORRECT_SOFTMAX;
    for (let attempt = 0; attempt < 2; attempt++) {
      // Instance 1 is gone after the kill: the proxy sends the retry to instance 2 (cookies are valid on both).
      const target = attempt === 0 && !(learner.base === bases[0] && Date.now() > killAt) ? learner : Object.assign(new Learner(bases[1]!, learner.email), { cookies: learner.cookies });
      try {
        const { submission } = await target.submitAndWait(code, id, 250, 60_000);
        if (!submission) continue;
        latencies.push(performance.now() - started);
        if (submission.status === "GRADED" && submission.verdict?.status !== (naive ? "failed" : "passed")) wrong++;
        return;
      } catch {
        failedOver++;
      }
    }
  }),
);
clearTimeout(killer);
const sinceKill = Date.now() - killAt;
if (sinceKill < 30_000) await new Promise((r) => setTimeout(r, 30_000 - sinceKill));

const db = await createDb({ provider: "postgresql", url, display: "bench" });
const mine = { user: { email: { startsWith: `multi-${run}-` } } };
const stored = await db.submission.findMany({ where: mine, select: { clientSubmissionId: true, status: true, userId: true } });
const storedIds = new Set(stored.map((s) => s.clientSubmissionId));
const lost = ids.filter((id) => !storedIds.has(id)).length;
const stuck = stored.filter((s) => s.status === "PENDING").length;
const graded = new Map<string, number>();
for (const s of stored) if (s.status === "GRADED") graded.set(s.userId, (graded.get(s.userId) ?? 0) + 1);
const progress = await db.exerciseProgress.findMany({ where: { exerciseId: "softmax", ...mine }, select: { userId: true, attempts: true } });
const miscounted = [...graded].filter(([u, n]) => progress.find((p) => p.userId === u)?.attempts !== n).length;
await db.$disconnect();
for (const p of [...web, ...graders]) killGroup(p.child, "SIGTERM");
rmSync(dataDir, { recursive: true, force: true });

const ms = (v: number) => `${Math.round(v)} ms`;
console.log(`\nmulti-instance: 2 web + 2 graders on PostgreSQL, ${total} submissions, SIGKILL of one web and one grader at 4 s`);
console.log(`request to verdict: p50 ${ms(quantile(latencies, 0.5))}  p95 ${ms(quantile(latencies, 0.95))}  max ${ms(Math.max(...latencies))}  (${latencies.length} answered; ${failedOver} requests cut off and retried)`);
console.log(`lost ${lost}   stuck ${stuck}   duplicates ${stored.length - storedIds.size}   progress miscounted ${miscounted}   wrong verdicts ${wrong}   (targets: 0)`);
console.log(loadAverage());
process.exit(0);
