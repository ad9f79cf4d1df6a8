/**
 * Pickup latency of PostgreSQL job queues: time from enqueue (committed) to the handler starting, one job at a
 * time on an idle worker. Measures graphile-worker (LISTEN/NOTIFY) and pg-boss (polling) when they can be imported,
 * and ml-dojo's grading path on PostgreSQL (a submission stored with its graphile-worker job, picked up by another
 * client's grading worker). graphile-worker is an app dependency (its LISTEN/NOTIFY pickup is why); pg-boss is not:
 *   npm i --no-save pg-boss@10.4.2   # only for this measurement
 *   DATABASE_URL=postgresql://… npx tsx scripts/bench-queue-pickup.ts [--jobs 40]
 * Each engine gets a fresh database on the server of DATABASE_URL.
 */
import os from "node:os";
import pg from "pg";

const url = process.env.DATABASE_URL;
if (!url?.startsWith("postgres")) {
  console.error("Set DATABASE_URL to a PostgreSQL server (a fresh database is created per engine).");
  process.exit(2);
}
const jobs = Number(process.argv[process.argv.indexOf("--jobs") + 1]) || 40;

async function freshDb(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(url!);
  u.pathname = `/${name}`;
  return u.toString();
}

function summary(name: string, ms: number[]): void {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  console.log(`${name.padEnd(16)} n=${s.length}  p50 ${q(0.5)} ms  p95 ${q(0.95)} ms  max ${s.at(-1)!.toFixed(1)} ms`);
}

/** `add` may return the moment its job was committed, when it does more than enqueue (ml-dojo stores a submission). */
async function measure(add: () => Promise<number | void>, started: { next: () => Promise<void> }): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < jobs; i++) {
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 100)); // the worker is idle and waiting
    const t = performance.now();
    let at = 0;
    const picked = started.next().then(() => (at = performance.now()));
    const committed = (await add()) ?? t;
    await picked;
    out.push(Math.max(0, at - committed));
  }
  return out;
}

function signal(): { next: () => Promise<void>; fire: () => void } {
  let resolve: (() => void) | null = null;
  return {
    next: () => new Promise<void>((r) => (resolve = r)),
    fire: () => {
      resolve?.();
      resolve = null;
    },
  };
}

/** The few calls used here (the packages are not dependencies of the app, so their types are not installed). */
interface GraphileWorker {
  run(o: { logger: unknown; connectionString: string; concurrency: number; noHandleSignals: boolean; pollInterval: number; taskList: Record<string, () => Promise<void>> }): Promise<{ stop(): Promise<void> }>;
  makeWorkerUtils(o: { connectionString: string }): Promise<{ addJob(task: string, payload: object): Promise<unknown>; release(): Promise<void> }>;
  Logger: new (factory: () => () => void) => unknown;
}
type PgBossClass = new (o: { connectionString: string }) => {
  on(event: "error", fn: () => void): void;
  start(): Promise<unknown>;
  createQueue(name: string): Promise<void>;
  work(name: string, o: { pollingIntervalSeconds: number }, fn: () => Promise<void>): Promise<string>;
  send(name: string, data: object): Promise<string | null>;
  stop(o: { graceful: boolean }): Promise<void>;
};

async function graphile(): Promise<void> {
  // Module names in variables: these packages are installed only for this measurement (see the header).
  const mod = "graphile-worker";
  const { run, makeWorkerUtils, Logger } = (await import(mod)) as GraphileWorker;
  const connectionString = await freshDb("mldojo_pickup_graphile");
  const s = signal();
  const runner = await run({ logger: new Logger(() => () => {}), connectionString, concurrency: 1, noHandleSignals: true, pollInterval: 2000, taskList: { grade: async () => s.fire() } });
  const utils = await makeWorkerUtils({ connectionString });
  summary("graphile-worker", await measure(() => utils.addJob("grade", {}).then(() => {}), s));
  await utils.release();
  await runner.stop();
}

async function pgBoss(): Promise<void> {
  const mod = "pg-boss";
  const PgBoss = ((await import(mod)) as { default: PgBossClass }).default;
  const connectionString = await freshDb("mldojo_pickup_pgboss");
  const boss = new PgBoss({ connectionString });
  boss.on("error", () => {});
  await boss.start();
  await boss.createQueue("grade");
  const s = signal();
  // 0.5 s is pg-boss's smallest polling interval.
  await boss.work("grade", { pollingIntervalSeconds: 0.5 }, async () => s.fire());
  summary("pg-boss", await measure(() => boss.send("grade", {}).then(() => {}), s));
  await boss.stop({ graceful: false });
}

/** ml-dojo's grading path: one client stores the submission and its engine job, another client's worker takes it. */
async function mlDojo(): Promise<void> {
  const { migrate } = await import("../app/_server/db/migrate");
  const { createDb } = await import("../app/_server/db/client");
  const { createSubmission } = await import("../app/_server/submissions");
  const { createGradingWorker } = await import("../app/_server/grading/worker");
  const connectionString = await freshDb("mldojo_pickup_own");
  const target = { provider: "postgresql" as const, url: connectionString, display: "pickup" };
  await migrate(target);
  const web = await createDb(target);
  const graderDb = await createDb(target);
  await web.topic.create({ data: { id: "t", order: 1, titleEn: "t", titleJa: "t", introEn: "", introJa: "", contentHash: "t" } });
  await web.exercise.create({ data: { id: "e", topicId: "t", order: 1, titleEn: "e", titleJa: "e", difficulty: 1, mode: "allclose", contentHash: "h" } });
  const users = await Promise.all(
    Array.from({ length: jobs }, (_, i) => web.user.create({ data: { email: `u${i}@x.org`, displayName: "u", passwordHash: "x" } })),
  );
  const s = signal();
  const seen = new Set<string>();
  const grader = {
    grade: async (job: { code: string }) => {
      // A retry (the engine's backoff, seconds later) is not a pickup.
      if (!seen.has(job.code)) s.fire();
      seen.add(job.code);
      throw new Error("pickup only"); // a platform error: never a verdict within the measurement
    },
  };
  const worker = createGradingWorker({ db: graderDb, grader, slots: 1, log: () => {} });
  await worker.start();
  let i = 0;
  summary("ml-dojo queue", await measure(async () => {
    const u = users[i++]!;
    await createSubmission(web, u.id, { exerciseId: "e", code: `x${i}`, clientSubmissionId: `pickup-${i}-xxxx` });
    return performance.now();
  }, s));
  await worker.stop();
  await web.$disconnect();
  await graderDb.$disconnect();
}

for (const [name, fn] of [["graphile-worker", graphile], ["pg-boss", pgBoss], ["ml-dojo queue", mlDojo]] as const) {
  try {
    await fn();
  } catch (error) {
    console.log(`${name.padEnd(16)} skipped: ${String(error).split("\n")[0]}`);
  }
}
console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} (${os.cpus().length} cores)`);
