/**
 * The grader children's OS-level limits, proven from outside: what a child's /proc entries say about its filesystem
 * view, network namespace, uid and resident memory. Needs bubblewrap with user namespaces (.ci/run installs it).
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxJob } from "../sandbox/types";
import { planOsSandbox, residentMb } from "./os-sandbox";
import { createGraderPool, type GraderPool } from "./pool";

const repo = path.resolve(__dirname, "../..");
const EXERCISES = path.join(repo, "graders/test/fixtures/exercises");
const GOOD = `export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
`;

describe("the OS sandbox of a grader child", () => {
  let pool: GraderPool;
  let pid: number;
  beforeAll(async () => {
    pool = createGraderPool({ size: 1, exercisesDir: EXERCISES, osSandbox: "require", log: () => undefined });
    await pool.ready();
    pid = pool.pids()[0]!;
  });
  afterAll(() => pool.close());

  it("grades inside it", async () => {
    expect(pool.stats().osSandboxed).toBe(true);
    const v = await pool.grade({ exerciseId: "fx-softmax", code: GOOD, seed: 1, scope: "submit" });
    expect(v.status).toBe("passed");
  });

  it("has its own network namespace with no interface but loopback", () => {
    expect(readlinkSync(`/proc/${pid}/ns/net`)).not.toBe(readlinkSync("/proc/self/ns/net"));
    const interfaces = readFileSync(`/proc/${pid}/net/dev`, "utf8").split("\n").slice(2).map((l) => l.split(":")[0]!.trim()).filter(Boolean);
    expect(interfaces).toEqual(["lo"]);
  });

  it("runs as an unprivileged uid", () => {
    const uids = /^Uid:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))!.slice(1).map(Number);
    for (const uid of uids) expect(uid).not.toBe(0);
    if (process.getuid?.() === 0) expect(uids[0]).toBe(65534);
  });

  it("sees only the bundle, the grader sources, the exercises and node_modules of the app, read-only; no data, no secret", () => {
    const root = `/proc/${pid}/root`;
    expect(existsSync(`${root}${repo}/node_modules/isolated-vm/package.json`)).toBe(true);
    expect(existsSync(`${root}${EXERCISES}/fixture/fx-softmax/manifest.json`)).toBe(true);
    expect(existsSync(`${root}${repo}/.cache/grader-worker.cjs`)).toBe(true);
    for (const hidden of ["data", "data/ml-dojo.db", "data/nextauth-secret", ".env", "app", "prisma", "scripts", "package.json", ".git"]) {
      expect(existsSync(`${root}${repo}/${hidden}`), hidden).toBe(false);
    }
    // Beside the app, nothing of its parent folder (other checkouts, the operator's files) is visible.
    expect(readdirSync(`${root}${path.dirname(repo)}`)).toEqual([path.basename(repo)]);
    for (const hidden of ["/root", "/home", "/etc/shadow", "/etc/passwd", "/var", "/dev/tty", "/dev/pts"]) {
      expect(existsSync(`${root}${hidden}`), hidden).toBe(false);
    }
    const mounts = readFileSync(`/proc/${pid}/mountinfo`, "utf8").split("\n");
    for (const dir of [`${repo}/node_modules`, `${repo}/graders`, "/usr"]) {
      const line = mounts.find((l) => l.split(" ")[4] === dir);
      expect(line, dir).toBeDefined();
      expect(line!.split(" ")[5]!.split(",")).toContain("ro");
    }
  });

  it("a start without bubblewrap is plain node, and says so only when it was wanted", () => {
    const off = planOsSandbox({ appDir: repo, exercisesDir: EXERCISES, bundleFile: path.join(repo, ".cache/grader-worker.cjs"), mode: "off" });
    expect(off).toMatchObject({ sandboxed: false, command: process.execPath, prefix: [] });
    expect(off.warning).toBeUndefined();
    const input = { appDir: repo, exercisesDir: EXERCISES, bundleFile: path.join(repo, ".cache/grader-worker.cjs"), bwrapPath: "/nonexistent/bwrap" };
    const missing = planOsSandbox({ ...input, mode: "auto" });
    expect(missing).toMatchObject({ sandboxed: false, command: process.execPath, prefix: [] });
    expect(missing.warning).toMatch(/^warning: grader processes run WITHOUT the OS sandbox \(bubblewrap \(bwrap\) is not installed\)/);
    expect(missing.warning).not.toContain("\n");
    expect(() => planOsSandbox({ ...input, mode: "require" })).toThrow(/OS sandbox for grader processes cannot start/);
  });

  it("starts inside the web server, whose NODE_OPTIONS preload a file the sandbox does not show", () => {
    // npm start runs Next with NODE_OPTIONS=--require scripts/peer-address.cjs; scripts/ is not in the child's view.
    // (Another content root than the pool's above, so that this setup is probed afresh.)
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `--require ${JSON.stringify(path.join(repo, "scripts/peer-address.cjs"))}`;
    try {
      const plan = planOsSandbox({ appDir: repo, exercisesDir: path.join(repo, "exercises"), bundleFile: path.join(repo, ".cache/grader-worker.cjs"), mode: "require" });
      expect(plan.sandboxed).toBe(true);
      expect(plan.warning).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
  });
});

describe("the resident-memory ceiling of a grader child", () => {
  const CEILING_MB = 256;
  let pool: GraderPool;
  beforeAll(async () => {
    pool = createGraderPool({ size: 1, exercisesDir: EXERCISES, rssCeilingMb: CEILING_MB, log: () => undefined });
    await pool.ready();
  });
  afterAll(() => pool.close());

  it("a run that grows its child past the ceiling is stopped with 'memory limit exceeded', and the child never exceeds it", async () => {
    // Ordinary heap memory (a 1 GB isolate), so that only the process ceiling can stop it.
    const code = `const kept: number[][] = [];
export function softmax(z: number[]): number[] {
  for (let k = 0; k < 100; k++) { const a: number[] = []; for (let i = 0; i < 1e6; i++) a.push(i + 0.5); kept.push(a); }
  return z;
}
`;
    const job: SandboxJob = { code, exports: ["softmax"], helpers: [], calls: [{ call: "softmax", args: [[1, 2, 3]] }], limits: { timeoutMs: 20_000, memoryMb: 1024 } };
    let peak = 0;
    const poll = setInterval(() => {
      for (const p of pool.pids()) peak = Math.max(peak, residentMb(p) ?? 0);
    }, 5);
    const before = pool.stats().overMemory;
    const r = await pool.runSandbox(job);
    clearInterval(poll);
    expect(r.stage).toBe("load");
    if (r.stage !== "load") return;
    expect(r.error.kind).toBe("memory");
    expect(r.error.message).toContain(`Memory limit exceeded`);
    expect(r.error.message).toContain(`${CEILING_MB} MB`);
    expect(pool.stats().overMemory).toBe(before + 1);
    expect(peak).toBeGreaterThan(CEILING_MB / 2);
    expect(peak).toBeLessThanOrEqual(CEILING_MB);
    const next = await pool.grade({ exerciseId: "fx-softmax", code: GOOD, seed: 1, scope: "submit" });
    expect(next.status).toBe("passed");
    for (const p of pool.pids()) expect(residentMb(p)).toBeLessThan(CEILING_MB);
  }, 60_000);
});
