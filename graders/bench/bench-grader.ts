/**
 * `npm run bench:grader`: how fast the supervised sandbox grades. Prints what it measured, how, on which inputs,
 * and the figures against the targets of issue 3. A benchmark, not a test: it never fails on a slow machine.
 *
 *   ML_DOJO_BENCH_N       submissions per latency series (default 300)
 *   ML_DOJO_BENCH_BURST   submissions in each throughput burst (default 2000)
 *   ML_DOJO_BENCH_HEAVY   exercise id to use as "the heaviest" (default: measured, see below)
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { loadCatalog } from "../exercise/catalog";
import { loadExercise, readReferenceSource, type LoadedExercise } from "../exercise/load";
import type { GradeJob } from "../grade-job";
import { prepareCases } from "../judge/prepare";
import type { SandboxJob } from "../sandbox/types";
import { createGraderPool, type GraderPool } from "../supervisor/pool";

const N = Number(process.env.ML_DOJO_BENCH_N ?? 300);
const BURST = Number(process.env.ML_DOJO_BENCH_BURST ?? 2000);
const SEED = 20261125;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

function summary(ms: number[]): { p50: number; p95: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? NaN };
}

const f2 = (x: number) => x.toFixed(2);
const verdictOf = (ok: boolean) => (ok ? "meets target" : "MISSES target");

async function latency(run: () => Promise<void>, n: number, warm = 20): Promise<number[]> {
  for (let i = 0; i < warm; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Fires `total` jobs keeping `inFlight` outstanding; returns jobs per second. */
async function throughput(total: number, inFlight: number, one: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < total) await one(next++);
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return total / ((performance.now() - t0) / 1000);
}

async function gradeOk(pool: GraderPool, job: GradeJob): Promise<void> {
  const v = await pool.grade(job);
  if (v.status !== "passed") throw new Error(`the reference of ${job.exerciseId} did not pass: ${JSON.stringify(v.message ?? v.cases.find((c) => c.status !== "passed"))}`);
}

function referenceTimeMs(ex: LoadedExercise, reps: number): number {
  const cases = prepareCases(ex, SEED, "submit");
  let total = 0;
  for (const c of cases) {
    const fn = ex.reference[c.call] as (...a: unknown[]) => unknown;
    for (let i = 0; i < Math.min(reps, 20); i++) fn(...c.args);
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn(...c.args);
    total += (performance.now() - t0) / reps;
  }
  return total;
}

/** The heaviest exercise: the largest plain-Node time of its reference over all its submit cases (no drivers). */
function pickHeaviest(): { ex: LoadedExercise; perSubmissionMs: number; candidates: string } {
  const forced = process.env.ML_DOJO_BENCH_HEAVY;
  const ids = forced ? [forced] : loadCatalog().exercises.map((e) => e.id);
  const measured: { ex: LoadedExercise; ms: number }[] = [];
  for (const id of ids) {
    try {
      const ex = loadExercise(id);
      if (ex.driverSource) continue;
      measured.push({ ex, ms: referenceTimeMs(ex, 5) });
    } catch {
      // an exercise still being written; the others are enough
    }
  }
  measured.sort((a, b) => b.ms - a.ms);
  const top = measured[0];
  if (!top) throw new Error("no exercise without a driver could be loaded");
  return { ex: top.ex, perSubmissionMs: top.ms, candidates: measured.slice(0, 4).map((m) => `${m.ex.id} ${f2(m.ms)} ms`).join(", ") };
}

/** A driver that runs the call `reps` times inside the guest, so the boundary's fixed cost is amortized away. */
const LOOP_DRIVER = `(mod, call, args) => { const reps = args[0]; const real = args[1]; let out; for (let i = 0; i < reps; i++) out = mod[call](...real); return reps; }`;

async function sandboxRatio(pool: GraderPool, ex: LoadedExercise): Promise<{ plainMs: number; sandboxMs: number; perCallPlainMs: number; perCallSandboxMs: number; cases: number; reps: number }> {
  const cases = prepareCases(ex, SEED, "submit");
  const code = readReferenceSource(ex);
  const reps = 200;
  const base: Omit<SandboxJob, "calls" | "driver"> = {
    code,
    exports: ex.manifest.exports,
    helpers: ex.manifest.helpers,
    // Generous: 200 repetitions of a heavy case on a loaded machine can take seconds; this measures speed, not limits.
    limits: { timeoutMs: 60_000, memoryMb: ex.manifest.limits.memoryMb },
  };
  // Compute speed: per case, one warm-up call and one timed call of `reps` iterations, against the same in plain
  // Node; sandbox and plain alternate, 5 rounds, and each side keeps its fastest round (the machine is shared).
  let sandboxMs = Number.POSITIVE_INFINITY;
  let plainMs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    let s = 0;
    let p = 0;
    for (const c of cases) {
      const r = await pool.runSandbox({ ...base, driver: LOOP_DRIVER, calls: [{ call: c.call, args: [reps, c.args] }, { call: c.call, args: [reps, c.args] }] });
      if (r.stage !== "ran" || !r.calls[1]?.ok) throw new Error(`the reference failed in the sandbox: ${JSON.stringify(r).slice(0, 300)}`);
      s += r.calls[1].ms / reps;
      const fn = ex.reference[c.call] as (...a: unknown[]) => unknown;
      for (let i = 0; i < reps; i++) fn(...c.args);
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) fn(...c.args);
      p += (performance.now() - t0) / reps;
    }
    sandboxMs = Math.min(sandboxMs, s);
    plainMs = Math.min(plainMs, p);
  }
  // One whole run as a submission gets it: fresh context, module loaded, every case once, copies in and out (the
  // sandbox's runMs, median of 20), against every case once in plain Node where the code is already warm.
  const runs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const r = await pool.runSandbox({ ...base, calls: cases.map((c) => ({ call: c.call, args: c.args })) });
    if (r.stage !== "ran") throw new Error("the reference failed in the sandbox");
    runs.push(r.runMs);
  }
  const perCallSandboxMs = summary(runs).p50;
  return { plainMs, sandboxMs, perCallPlainMs: referenceTimeMs(ex, 50), perCallSandboxMs, cases: cases.length, reps };
}

async function main(): Promise<void> {
  const cores = os.availableParallelism();
  console.log("ml-dojo grader benchmark");
  console.log(`machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${cores} cores available, Node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`method: real grader children (isolated-vm under the permission model, in bubblewrap where it starts) behind the supervisor; every submission`);
  console.log(`        is transpiled (sucrase), run in a fresh context of a warm isolate, and judged; times are wall-clock in`);
  console.log(`        this process around pool.grade()/pool.runSandbox(), after 20 warm-up submissions; seed ${SEED}.`);
  console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(", ")} (1, 5, 15 min; other work on the machine skews every figure)\n`);

  const heavy = pickHeaviest();
  const softmax = loadExercise("softmax");
  const softmaxRef = readReferenceSource(softmax);
  // The boss exercise of the curriculum is heavy in the host (gradient checks), not in the sandbox: measured too.
  const heavies: LoadedExercise[] = [heavy.ex];
  try {
    const boss = loadExercise("transformer-block-backward");
    if (boss.id !== heavy.ex.id) heavies.push(boss);
  } catch {
    // not written yet
  }
  console.log(`heaviest exercise: ${heavy.ex.id} (largest plain-Node reference time per submission; top: ${heavy.candidates})`);
  if (heavies[1]) console.log(`also measured: ${heavies[1].id} (the curriculum's boss exercise; its cost is gradient checks in the host)`);
  console.log("");

  const single = createGraderPool({ size: 1, log: (l) => console.error(l) });
  await single.ready();

  // 1. Full-submission latency, one grader, sequential (so queueing never counts).
  const submit = (ex: LoadedExercise, code: string) => (): Promise<void> => gradeOk(single, { exerciseId: ex.id, code, seed: SEED, scope: "submit" });
  const softLat = summary(await latency(submit(softmax, softmaxRef), N));
  const softCases = prepareCases(softmax, SEED, "submit").length;
  console.log(`[1] full-submission grading latency, warm pool, through the supervisor, transpile included (n = ${N})`);
  console.log(`    softmax reference, ${softCases} cases (visible + hidden, lengths up to 1000):  p50 ${f2(softLat.p50)} ms   p95 ${f2(softLat.p95)} ms   max ${f2(softLat.max)} ms`);
  for (const ex of heavies) {
    const lat = summary(await latency(submit(ex, readReferenceSource(ex)), Math.max(50, Math.floor(N / 3)), 5));
    const n = prepareCases(ex, SEED, "submit").length;
    console.log(`    ${ex.id} reference, ${n} cases (expected values and gradient checks computed in the host):  p50 ${f2(lat.p50)} ms   p95 ${f2(lat.p95)} ms   max ${f2(lat.max)} ms`);
  }
  console.log(`    target: softmax p95 ≤ 8 ms → ${verdictOf(softLat.p95 <= 8)}\n`);

  // 2. Sandbox only: a 1000-element softmax in a fresh context (the orientation figure: 1.2 ms p50, 2.4 ms p95).
  const z = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
  const sbJob: SandboxJob = { code: softmaxRef, exports: ["softmax"], helpers: [], calls: [{ call: "softmax", args: [z] }], limits: { timeoutMs: 2000, memoryMb: 64 } };
  const sb = summary(await latency(async () => void (await single.runSandbox(sbJob)), N));
  console.log(`[2] sandbox run only (runSandbox: transpile + fresh context + one call of a 1000-element softmax + copy out)`);
  console.log(`    p50 ${f2(sb.p50)} ms   p95 ${f2(sb.p95)} ms   (orientation from the issue: 1.2 ms p50, 2.4 ms p95)\n`);

  // 3. Sandboxed against plain Node, for the heaviest reference.
  for (const [i, ex] of heavies.entries()) {
    const ratio = await sandboxRatio(single, ex);
    const computeRatio = ratio.sandboxMs / ratio.plainMs;
    console.log(`[3${"ab"[i]}] ${ex.id} reference, sandboxed against plain Node (${ratio.cases} cases of seed ${SEED})`);
    console.log(`    compute (each case run ${ratio.reps}× inside one call, after a warm-up call; fastest of 5 alternating rounds):`);
    console.log(`      sandbox ${f2(ratio.sandboxMs)} ms   plain ${f2(ratio.plainMs)} ms   ratio ${f2(computeRatio)}`);
    console.log(`    one whole run (fresh context, cold code, every case once, copies in and out; median of 20): sandbox ${f2(ratio.perCallSandboxMs)} ms,`);
    console.log(`      against every case once in plain Node with warm code ${f2(ratio.perCallPlainMs)} ms (ratio ${f2(ratio.perCallSandboxMs / ratio.perCallPlainMs)}: mostly the cold start`);
    console.log(`      of a fresh context, which every submission pays by design)`);
    console.log(`    target: ratio ≤ 1.2 (compute) → ${verdictOf(computeRatio <= 1.2)}\n`);
  }
  await single.close();

  // 4. Throughput with a pool sized to this machine.
  const pool = createGraderPool({ log: (l) => console.error(l) });
  await pool.ready();
  const inFlight = cores * 8;
  const trivial: SandboxJob = { code: "export function f(x: number): number {\n  return x + 1;\n}\n", exports: ["f"], helpers: [], calls: [{ call: "f", args: [1] }], limits: { timeoutMs: 1000, memoryMb: 64 } };
  await throughput(200, inFlight, async () => void (await pool.runSandbox(trivial)));
  const trivialRate = await throughput(BURST, inFlight, async () => void (await pool.runSandbox(trivial)));
  await throughput(100, inFlight, (i) => gradeOk(pool, { exerciseId: "softmax", code: softmaxRef, seed: SEED + i, scope: "submit" }));
  const softRate = await throughput(BURST, inFlight, (i) => gradeOk(pool, { exerciseId: "softmax", code: softmaxRef, seed: SEED + i, scope: "submit" }));
  await pool.close();
  console.log(`[4] throughput, ${cores} graders (one per core), ${inFlight} submissions in flight, ${BURST} per burst`);
  console.log(`    trivial submissions (one call of x + 1, sandbox job):        ${softRate > 0 ? trivialRate.toFixed(0) : "?"} per second   (issue's orientation: 900–1000)`);
  console.log(`    softmax submissions graded in full (${softCases} cases, a new seed each): ${softRate.toFixed(0)} per second`);
  console.log(`    target: ≥ 400 submissions/s (softmax, full grading) → ${verdictOf(softRate >= 400)}`);

  // 5. The isolation choice: warm isolates reused (the default) against a fresh isolate for every submission.
  const fresh = createGraderPool({ isolateMaxUses: 1, log: (l) => console.error(l) });
  await fresh.ready();
  const freshLat: number[] = [];
  for (let i = 0; i < 20; i++) await gradeOk(fresh, { exerciseId: "softmax", code: softmaxRef, seed: SEED, scope: "submit" });
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await gradeOk(fresh, { exerciseId: "softmax", code: softmaxRef, seed: SEED, scope: "submit" });
    freshLat.push(performance.now() - t0);
  }
  const freshRate = await throughput(BURST, inFlight, (i) => gradeOk(fresh, { exerciseId: "softmax", code: softmaxRef, seed: SEED + i, scope: "submit" }));
  await fresh.close();
  const fl = summary(freshLat);
  console.log(`[5] a fresh isolate per submission instead of reused warm isolates (softmax, full grading)`);
  console.log(`    sequential latency p50 ${f2(fl.p50)} ms   p95 ${f2(fl.p95)} ms   (reused: p95 ${f2(softLat.p95)} ms)`);
  console.log(`    throughput ${freshRate.toFixed(0)} per second on ${cores} graders   (reused: ${softRate.toFixed(0)} per second)`);
  console.log(`    OS sandbox: ${pool.stats().osSandboxed ? "bubblewrap" : "none (see the warning above)"}`);
  console.log(`\nload average at end: ${os.loadavg().map((x) => x.toFixed(2)).join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
