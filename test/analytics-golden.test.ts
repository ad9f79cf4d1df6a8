import { readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAnalytics, type CohortAnalytics } from "../app/_server/analytics";
import type { Db } from "../app/_server/db/client";
import { backfillFailureSummaries } from "../app/_server/failure-summary";
import { answer, at, DAY, gradebookFixture, submit, type Fixture } from "./gradebook-fixture";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

/**
 * Analytics must show the same numbers whatever it reads: test/fixtures/analytics-golden.json is the output of the
 * implementation that parsed every verdict JSON (before the stored failure summaries), on the seeded cohort below.
 * Regenerate it only on purpose: ANALYTICS_GOLDEN_WRITE=1.
 */
const GOLDEN = path.join(__dirname, "fixtures", "analytics-golden.json");

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CASES = [
  { name: "three logits", visibility: "visible" },
  { name: "large logits", visibility: "hidden" },
  { name: "negative logits", visibility: "hidden" },
  { name: "single element", visibility: "visible" },
] as const;
const WRONG = ["Expected 0.2447 at [1], got NaN.", "NaN: subtract max(z) first", "Shape [3] expected, got [2]."];

/** A verdict as graders/verdict.ts shapes it: failed cases with messages (some with positions), run-wide messages, compile errors. */
function verdictFor(exerciseId: string, r: () => number): { score: number; verdict: unknown } {
  const kindRoll = r();
  if (kindRoll < 0.1) {
    return { score: 0, verdict: { version: 1, status: "failed", score: 0, exerciseId, contentHash: "h", seed: 1, cases: [], compileError: { message: r() < 0.5 ? "';' expected." : "Cannot find name 'zz'.", position: { line: 1 + Math.floor(r() * 5) } }, console: { text: "", truncated: false }, timings: { transpileMs: 1, runMs: 0, totalMs: 1 } } };
  }
  const line = 1 + Math.floor(r() * 9);
  const throws = kindRoll < 0.25;
  const timesOut = !throws && kindRoll < 0.3;
  const cases = CASES.map((c) => {
    const failed = throws || timesOut || r() < 0.35;
    const message = throws
      ? { en: `Your code threw an error (line ${line}, column 3): TypeError: z.map is not a function`, ja: `コードの実行中にエラーが発生しました（${line} 行 3 列）: TypeError: z.map is not a function` }
      : timesOut
        ? { en: `Stopped at the time limit of 2000 ms (line ${line}).`, ja: `時間制限 2000 ms で停止しました（${line} 行）。` }
        : failed
          ? (() => {
              const w = WRONG[Math.floor(r() * WRONG.length)]!;
              return { en: w, ja: `ja: ${w}` };
            })()
          : { en: "", ja: "" };
    return {
      name: c.name,
      label: { en: c.name === "large logits" ? "Large logits ($|z| > 700$)" : c.name, ja: `ja ${c.name}` },
      visibility: c.visibility,
      weight: 1,
      status: failed ? "failed" : r() < 0.05 ? "suspicious" : "passed",
      ...(failed ? { kind: throws ? "runtime-error" : timesOut ? "timeout" : "wrong-value" } : {}),
      message,
    };
  });
  const passed = cases.filter((c) => c.status !== "failed").length;
  const score = passed / cases.length;
  const message = r() < 0.15 ? { message: { en: "Your function returned undefined for some inputs.", ja: "一部の入力で undefined を返しました。" } } : {};
  return { score, verdict: { version: 1, status: score === 1 ? "passed" : "failed", score, exerciseId, contentHash: "h", seed: 1, cases, ...message, console: { text: "", truncated: false }, timings: { transpileMs: 1, runMs: 1, totalMs: 2 } } };
}

/** 3 fixture students + 9 more, 0–6 submissions each on both exercises (some ERROR or PENDING), quiz answers. */
export async function seedGoldenCohort(db: Db, f: Fixture): Promise<void> {
  const r = rng(13);
  const extra = [];
  for (let i = 0; i < 9; i++) {
    const u = await db.user.create({ data: { email: `golden-${i}-${f.cohortId}@example.org`, displayName: `Golden ${i}`, passwordHash: "x" } });
    await db.enrollment.create({ data: { cohortId: f.cohortId, userId: u.id, role: "STUDENT", createdAt: new Date("2026-01-01T00:00:00Z") } });
    extra.push(u.id);
  }
  const users = [...f.students.map((s) => s.id), ...extra];
  let t = -20 * DAY;
  for (const userId of [...users, f.outsider.id]) {
    for (const exerciseId of ["softmax", "logsumexp"]) {
      const n = Math.floor(r() * 7);
      for (let k = 0; k < n; k++) {
        t += 60_000;
        const roll = r();
        if (roll < 0.05) await submit(db, userId, exerciseId, at(t), null, { status: "ERROR" });
        else if (roll < 0.08) await submit(db, userId, exerciseId, at(t), null, { status: "PENDING" });
        else if (roll < 0.2) await submit(db, userId, exerciseId, at(t), 1, { verdict: { version: 1, status: "passed", score: 1, exerciseId, contentHash: "h", seed: 1, cases: CASES.map((c) => ({ ...c, label: { en: c.name, ja: c.name }, weight: 1, status: "passed", message: { en: "", ja: "" } })), console: { text: "", truncated: false }, timings: { transpileMs: 1, runMs: 1, totalMs: 2 } } });
        else {
          const v = verdictFor(exerciseId, r);
          await submit(db, userId, exerciseId, at(t), v.score, { verdict: v.verdict });
        }
      }
    }
    for (const item of ["q-temp", "q-shift"]) {
      const n = Math.floor(r() * 4);
      for (let k = 0; k < n; k++) {
        t += 60_000;
        const correct = r() < 0.5;
        await answer(db, userId, item, at(t), correct);
      }
    }
  }
}

/** What the page shows, without the ids that differ per run. */
export function comparable(a: CohortAnalytics): unknown {
  return {
    students: a.students,
    exercises: a.exercises.map(({ item, ...rest }) => ({ refId: item.refId, ...rest })),
    quizzes: a.quizzes.map(({ item, ...rest }) => ({ refId: item.refId, ...rest })),
  };
}

describe.each(PROVIDERS)("analytics against the verdict-parsing implementation's output, on %s", (provider) => {
  let d: MigratedDatabase;
  let f: Fixture;
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    f = await gradebookFixture(d.db);
    await seedGoldenCohort(d.db, f);
    // The fixture writes submissions as an older version did (no summaries): the start-up backfill summarises them.
    await backfillFailureSummaries(d.db);
  });
  afterAll(async () => {
    await d.drop();
  });

  it("shows the same numbers, case classes and messages", async () => {
    const now = comparable(await buildAnalytics(d.db, f.cohortId));
    if (process.env.ANALYTICS_GOLDEN_WRITE === "1" && provider === "sqlite") writeFileSync(GOLDEN, `${JSON.stringify(now, null, 1)}\n`);
    expect(existsSync(GOLDEN)).toBe(true);
    expect(now).toEqual(JSON.parse(readFileSync(GOLDEN, "utf8")));
  });
});
