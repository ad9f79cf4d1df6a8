/**
 * npm run bench:crash [-- --submissions 300 --kill-after 4 --window 8]
 * Starts the production app (npm start) in its own process group, signs learners up, sends a burst of softmax
 * submissions over ~8 s, SIGKILLs the whole group (web and graders) 4 s in, restarts it at once, retries the POSTs
 * the kill cut off with the same clientSubmissionId (as the page does), and 30 s after the restart prints how many
 * submissions are still not graded (target 0) and whether each learner's progress counted every graded
 * submission exactly once. SQLite in a fresh data directory by default; DATABASE_URL=postgresql://… uses that
 * database instead.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "../../app/_server/db/client";
import type { DatabaseTarget } from "../../app/_server/env";
import { freePort, killGroup, startProcess } from "../lib/bench-app";
import { arg, CORRECT_SOFTMAX, inParallel, Learner, loadAverage, NAIVE_SOFTMAX } from "../lib/bench-http";

const total = arg("submissions", 300);
const killAfterS = arg("kill-after", 4);
const windowS = arg("window", 8);
const perLearner = 5;
const dataDir = mkdtempSync(path.join(tmpdir(), "ml-dojo-bench-crash-"));
const pgUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined;
const target: DatabaseTarget = pgUrl ? { provider: "postgresql", url: pgUrl, display: "DATABASE_URL" } : { provider: "sqlite", file: path.join(dataDir, "ml-dojo.db"), display: "bench" };

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const serverEnv: Record<string, string> = { PORT: String(port), HOST: "127.0.0.1", NEXTAUTH_URL: base, ML_DOJO_DATA_DIR: dataDir, ML_DOJO_SUBMITS_PER_MINUTE: "100000" };
const startServer = () => startProcess("scripts/start.ts", serverEnv, "ml-dojo is running at");

console.log("starting the production app (builds first if the sources changed)…");
let server = startServer();
await server.running;
const run = randomUUID().slice(0, 8);
const learners = Array.from({ length: Math.ceil(total / perLearner) }, (_, i) => new Learner(base, `crash-${run}-${i}@example.org`));
await inParallel(learners, 8, (l) => l.signUpAndIn());
console.log(`${learners.length} learners signed up; burst of ${total} over ~${windowS} s, SIGKILL of the server's process group at ${killAfterS} s`);

interface Sent {
  learner: Learner;
  code: string;
  id: string;
  answered: boolean;
}
const sent: Sent[] = Array.from({ length: total }, (_, i) => ({
  learner: learners[i % learners.length]!,
  code: i % 5 === 4 ? NAIVE_SOFTMAX : CORRECT_SOFTMAX,
  id: `crash-${randomUUID()}`,
  answered: false,
}));
const burstStart = Date.now();
const killed = new Promise<void>((resolve) =>
  setTimeout(() => {
    killGroup(server.child, "SIGKILL");
    resolve();
  }, killAfterS * 1000),
);
await Promise.all(
  sent.map(async (s, i) => {
    await new Promise((r) => setTimeout(r, (i / total) * windowS * 1000));
    if (Date.now() - burstStart >= killAfterS * 1000) return; // the server is down: the page retries after the restart
    try {
      const { submission } = await s.learner.submitAndWait(s.code, s.id, 250, 5_000);
      s.answered = submission !== null && submission.status !== "PENDING";
    } catch {
      // cut off by the kill
    }
  }),
);
await killed;
const runEmails = { startsWith: `crash-${run}-` };
// What the kill cut through: submissions stored without a verdict (queued or being graded) at that moment.
const atKill = await createDb(target);
const pendingAtKill = await atKill.submission.count({ where: { status: "PENDING", user: { email: runEmails } } });
const storedAtKill = await atKill.submission.count({ where: { user: { email: runEmails } } });
await atKill.$disconnect();
console.log(`killed at ${killAfterS} s: ${sent.filter((s) => s.answered).length} verdicts had reached their learners; ${storedAtKill} stored, ${pendingAtKill} of them without a verdict`);

server = startServer();
const restartedAt = Date.now();
await server.running;
console.log(`restarted in ${((Date.now() - restartedAt) / 1000).toFixed(1)} s; the page's retries go out with the same ids`);
const retryResults = { verdict: 0, pending: 0, failed: 0 };
await inParallel(
  sent.filter((s) => !s.answered),
  32,
  async (s) => {
    try {
      const { submission } = await s.learner.submitAndWait(s.code, s.id, 250, 25_000);
      if (submission && submission.status !== "PENDING") retryResults.verdict++;
      else retryResults.pending++;
    } catch {
      retryResults.failed++;
    }
  },
);
const wait = restartedAt + 30_000 - Date.now();
if (wait > 0) await new Promise((r) => setTimeout(r, wait));

const db = await createDb(target);
const pending = await db.submission.count({ where: { status: "PENDING", user: { email: runEmails } } });
const byStatus = await db.submission.groupBy({ by: ["status"], where: { user: { email: runEmails } }, _count: true });
const graded = await db.submission.groupBy({ by: ["userId"], where: { status: "GRADED", user: { email: runEmails } }, _count: true });
const progress = await db.exerciseProgress.findMany({ where: { exerciseId: "softmax", user: { email: runEmails } }, select: { userId: true, attempts: true } });
const attempts = new Map(progress.map((p) => [p.userId, p.attempts]));
const miscounted = graded.filter((g) => attempts.get(g.userId) !== g._count).length;
const stored = byStatus.reduce((a, b) => a + b._count, 0);
const duplicates = stored - new Set(sent.map((s) => s.id)).size > 0 ? stored - sent.length : 0;
await db.$disconnect();
killGroup(server.child, "SIGTERM");

console.log(`\ncrash: ${total} submissions, SIGKILL of web + graders at ${killAfterS} s, restart at once (${target.provider})`);
console.log(`at the kill: ${storedAtKill} stored, ${pendingAtKill} without a verdict (queued or being graded)`);
console.log(`retried after the restart: ${retryResults.verdict} got their verdict, ${retryResults.pending} still pending, ${retryResults.failed} failed`);
console.log(`stored submissions by status: ${byStatus.map((b) => `${b.status} ${b._count}`).join(", ")} (duplicates: ${Math.max(0, duplicates)})`);
console.log(`NOT GRADED 30 s after the restart: ${pending}   (target 0)`);
console.log(`learners whose progress miscounts their graded submissions: ${miscounted} of ${graded.length}   (target 0)`);
console.log(loadAverage());
if (!pgUrl) rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
