/**
 * npm run bench:submit-path [-- --submits 40]
 * Profiles the submit path without HTTP: database operations per submission (the submit request, and the grader's
 * side) and the mean time of a sequential submit to its verdict, on SQLite (temporary file) and on PostgreSQL when
 * DATABASE_URL points at a server (a fresh database is created there). Prints figures and the load average.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { loadExercise } from "../../graders/exercise/load";
import { createGraderPool } from "../../graders/supervisor/pool";
import { createDb, type Db } from "../../app/_server/db/client";
import { attachSqliteDirect, sqliteDirect } from "../../app/_server/db/sqlite-direct";
import { migrate } from "../../app/_server/db/migrate";
import type { DatabaseTarget } from "../../app/_server/env";
import { submitForGrading } from "../../app/_server/grading/submit";
import { createGradingWorker } from "../../app/_server/grading/worker";
import { dbCounters } from "../lib/bench-cost";
import { arg, loadAverage } from "../lib/bench-http";
import { treeCpuSeconds } from "../lib/process-cpu";

const submits = arg("submits", 40);
const softmax = loadExercise("softmax");
const reference = readFileSync(path.join(softmax.dir, "reference.ts"), "utf8");
const pool = createGraderPool({ size: 2, log: () => {} });
await pool.ready();

/**
 * Counts every operation the client sends, by the context that sent it: Prisma operations, and on SQLite the
 * statements run directly on its connection (db/sqlite-direct.ts), from `direct()` on.
 */
function counting(db: Db): { db: Db; counts: Map<string, number>; context: { name: string }; direct(): number } {
  const counts = new Map<string, number>();
  const context = { name: "submit" };
  const bump = () => counts.set(context.name, (counts.get(context.name) ?? 0) + 1);
  const direct = sqliteDirect(db);
  const extended = db.$extends({
    query: {
      async $allOperations({ args, query }) {
        bump();
        return query(args);
      },
    },
  }) as unknown as Db;
  if (direct) attachSqliteDirect(extended, direct);
  return { db: extended, counts, context, direct: () => direct?.statements() ?? 0 };
}

async function profile(target: DatabaseTarget): Promise<void> {
  await migrate(target);
  const raw = await createDb(target);
  await raw.topic.create({ data: { id: "softmax", order: 1, titleEn: "S", titleJa: "S", introEn: "", introJa: "", contentHash: "t" } });
  await raw.exercise.create({ data: { id: "softmax", topicId: "softmax", order: 1, titleEn: "S", titleJa: "S", difficulty: 1, mode: "allclose", contentHash: softmax.contentHash } });
  const web = counting(raw);
  const graderDb = await createDb(target);
  const graderSide = counting(graderDb);
  graderSide.context.name = "grader";
  // The PostgreSQL worker needs the client made by createDb (the engine's own pool connects to its URL) and talks to
  // the database through that pool too: its statements are counted by the server (below), not here.
  const onPg = target.provider === "postgresql";
  const worker = createGradingWorker({ db: onPg ? graderDb : graderSide.db, grader: pool, slots: 2, log: () => {} });
  await worker.start();
  graderSide.counts.clear();
  const direct0 = { web: web.direct(), grader: graderSide.direct() };
  const users = await Promise.all(Array.from({ length: submits }, (_, i) => raw.user.create({ data: { email: `p${i}@x.org`, displayName: "p", passwordHash: "x" } })));
  const times: number[] = [];
  // This process (request and worker) and its grader children: CPU does not depend on the machine's load.
  const cpu0 = treeCpuSeconds(process.pid);
  const pgUrl = target.provider === "postgresql" ? target.url : undefined;
  const before = pgUrl ? await dbCounters(pgUrl) : null;
  for (const [i, u] of users.entries()) {
    const t = performance.now();
    const view = await submitForGrading(web.db, worker, u.id, { exerciseId: "softmax", code: reference, clientSubmissionId: `profile-${i}-xxxx` }, { limit: 100, windowMs: 60_000 });
    times.push(performance.now() - t);
    if (view.status !== "GRADED") throw new Error(`submission ${i} ended ${view.status}`);
  }
  const cpuMs = ((treeCpuSeconds(process.pid) - cpu0) * 1000) / submits;
  await new Promise((r) => setTimeout(r, pgUrl ? 1500 : 0)); // PostgreSQL flushes its statistics about every second
  const after = pgUrl ? await dbCounters(pgUrl) : null;
  await worker.stop();
  const per = (m: Map<string, number>, k: string) => ((m.get(k) ?? 0) / submits).toFixed(1);
  const perDirect = (now: number, before: number) => ((now - before) / submits).toFixed(1);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(
    `${target.provider.padEnd(10)} per submission: ${per(web.counts, "submit")} Prisma operations and ${perDirect(web.direct(), direct0.web)} direct statements in the request, ` +
      `${onPg ? "(see the server's count)" : `${per(graderSide.counts, "grader")} Prisma operations and ${perDirect(graderSide.direct(), direct0.grader)} direct statements`} by the grader (plus polling); ` +
      `sequential submit to verdict: mean ${mean.toFixed(1)} ms; CPU ${cpuMs.toFixed(2)} ms per submission (this process and its grader children)`,
  );
  // On PostgreSQL, what the server executed, counted by the server itself.
  if (before && after && after.statements !== null && before.statements !== null) {
    console.log(`${"".padEnd(10)} per submission: ${((after.statements - before.statements) / submits).toFixed(1)} statements and ${((after.transactions - before.transactions) / submits).toFixed(1)} transactions at the server`);
  }
  await raw.$disconnect();
}

const dir = mkdtempSync(path.join(tmpdir(), "ml-dojo-submit-path-"));
try {
  await profile({ provider: "sqlite", file: path.join(dir, "p.db"), display: "profile" });
  const url = process.env.DATABASE_URL;
  if (url?.startsWith("postgres")) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS mldojo_submit_path WITH (FORCE)`);
    await admin.query(`CREATE DATABASE mldojo_submit_path`);
    await admin.end();
    const u = new URL(url);
    u.pathname = "/mldojo_submit_path";
    // Statement counts come from pg_stat_statements when the server loads it (shared_preload_libraries).
    const fresh = new pg.Client({ connectionString: u.toString() });
    await fresh.connect();
    await fresh.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`).catch(() => {});
    await fresh.end();
    await profile({ provider: "postgresql", url: u.toString(), display: "profile" });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await pool.close();
}
console.log(loadAverage());
