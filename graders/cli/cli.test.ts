import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The CLI commands as a user runs them: real processes, the real grader pool, the fixture exercises. */
const repo = path.resolve(__dirname, "../..");
const fixtures = path.join(repo, "graders/test/fixtures/exercises");
const tsx = path.join(repo, "node_modules/.bin/tsx");

function cli(script: string, args: string[], contentRoot = fixtures) {
  const r = spawnSync(tsx, [path.join(repo, "graders/cli", script), ...args], {
    cwd: repo,
    env: { ...process.env, ML_DOJO_EXERCISES_DIR: contentRoot, NO_COLOR: "1" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), "grade-cli-"));
const file = (name: string, code: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, code);
  return p;
};

describe("npm run grade", () => {
  it("exits 0 when every case passes and prints each case", () => {
    const r = cli("grade.ts", ["fx-softmax", path.join(fixtures, "fixture/fx-softmax/reference.ts")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("PASSED  fx-softmax  score 100.0%  seed 1");
    expect(r.out).toContain("large logits (hidden)");
  });

  it("exits 1 on a failing solution and prints the verdict as JSON with --json and --seed", () => {
    const r = cli("grade.ts", ["fx-softmax", file("zeros.ts", "export function softmax(z: number[]) { return z.map(() => 0); }"), "--seed", "42", "--json"]);
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { version: number; status: string; seed: number; cases: { message: { en: string } }[] };
    expect(v).toMatchObject({ version: 1, status: "failed", seed: 42 });
    expect(v.cases[0]!.message.en).toContain("differs at [0]");
  });

  it("exits 1 on a compile error and on a timeout", () => {
    expect(cli("grade.ts", ["fx-softmax", file("broken.ts", "export function softmax(z: number[]) { return z.map(x => ; }")]).code).toBe(1);
    const loop = cli("grade.ts", ["fx-softmax", file("loop.ts", "export function softmax(z: number[]): number[] { for (;;) {} }")]);
    expect(loop.code).toBe(1);
    expect(loop.out).toContain("time limit");
  });

  it("exits 2 on a usage error or an unknown exercise", () => {
    const usage = cli("grade.ts", ["fx-softmax"]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("usage: npm run grade");
    expect(cli("grade.ts", ["no-such-exercise", file("x.ts", "")]).code).toBe(2);
    expect(cli("grade.ts", ["fx-softmax", path.join(dir, "missing.ts")]).err).toContain("cannot read the solution");
    expect(cli("grade.ts", ["fx-softmax", file("y.ts", ""), "--seed", "abc"]).code).toBe(2);
  });
});

describe("npm run exercises:check", () => {
  it("proves the fixture exercises, filtered by id or topic, with a progress line each", () => {
    const r = cli("check-exercises.ts", ["fx-softmax", "--seeds", "2"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\[1\/1\] fixture\/fx-softmax .*reference ×2 ✓ starter ✓ mutants 2\/2 ✓/);
    const topic = cli("check-exercises.ts", ["fixture", "--seeds", "1"]);
    expect(topic.out).toContain("[3/3]");
  });

  it("exits non-zero and names every problem of a broken exercise", () => {
    const r = cli("check-exercises.ts", ["fx-check-fails", "--seeds", "1"], path.join(repo, "graders/test/fixtures/broken-exercises"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("broken/fx-check-fails/mutants/same-as-reference.ts: the mutant passes every case");
    expect(r.out).toContain("broken/fx-check-fails/starter.ts: the starter passes every case");
  });

  it("exits 2 on an unknown filter", () => {
    expect(cli("check-exercises.ts", ["nope"]).code).toBe(2);
  });
});
