import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyticsAs, buildAnalytics, median, withoutPosition, type ExerciseAnalytics } from "../app/_server/analytics";
import { AppError } from "../app/_server/errors";
import { backfillFailureSummaries } from "../app/_server/failure-summary";
import { statusOf as status } from "./support/app-errors";
import { answer, at, DAY, gradebookFixture, submit, type Fixture } from "./gradebook-fixture";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";


type CaseSpec = { name: string; visibility?: "visible" | "hidden"; failed?: boolean; kind?: string; message?: string; ja?: string };

/** A stored verdict as graders/verdict.ts shapes it, with only what analytics reads filled in with care. */
function verdict(exerciseId: string, cases: CaseSpec[], extra: { message?: string; compileError?: string } = {}) {
  const passed = cases.filter((c) => !c.failed).length;
  const score = cases.length ? passed / cases.length : 0;
  return {
    version: 1,
    status: score === 1 ? "passed" : "failed",
    score,
    exerciseId,
    contentHash: "h",
    seed: 1,
    ...(extra.message ? { message: { en: extra.message, ja: `ja: ${extra.message}` } } : {}),
    ...(extra.compileError ? { compileError: { message: extra.compileError, position: { line: 2 } } } : {}),
    cases: cases.map((c) => ({
      name: c.name,
      label: { en: c.name, ja: `ja ${c.name}` },
      visibility: c.visibility ?? "hidden",
      weight: 1,
      status: c.failed ? "failed" : "passed",
      ...(c.failed ? { kind: c.kind ?? "wrong-value" } : {}),
      message: c.failed ? { en: c.message ?? `wrong on ${c.name}`, ja: c.ja ?? `ja: ${c.message ?? c.name}` } : { en: "", ja: "" },
    })),
    console: { text: "", truncated: false },
    timings: { transpileMs: 1, runMs: 1, totalMs: 2 },
  };
}

const OK = [{ name: "three logits", visibility: "visible" as const }, { name: "large logits" }, { name: "negative logits" }];
const NAIVE = [{ name: "three logits", visibility: "visible" as const }, { name: "large logits", failed: true, kind: "non-finite", message: "NaN: subtract max(z) first" }, { name: "negative logits" }];
const THROWS = (line: number) =>
  OK.map((c) => ({
    ...c,
    failed: true,
    kind: "runtime-error",
    message: `Your code threw an error (line ${line}, column 3): TypeError: z.map is not a function`,
    ja: `コードの実行中にエラーが発生しました（${line} 行 3 列）: TypeError: z.map is not a function`,
  }));

describe.each(PROVIDERS)("analytics on %s", (provider) => {
  let d: MigratedDatabase;
  let f: Fixture;
  let aoi: string;
  let ben: string;
  let cy: string;

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    f = await gradebookFixture(d.db);
    [aoi, ben, cy] = f.students.map((s) => s.id) as [string, string, string];
    const sm = (u: string, t: number, score: number | null, v?: unknown, status?: "PENDING" | "GRADED" | "ERROR") => submit(d.db, u, "softmax", at(t), score, { verdict: v, status });
    // Aoi: naive (fails large logits), a crash, then solved on the 3rd graded attempt; a platform error between does not count.
    await sm(aoi, -5 * DAY, 2 / 3, verdict("softmax", NAIVE));
    await sm(aoi, -4 * DAY, null, undefined, "ERROR");
    await sm(aoi, -3 * DAY, 0, verdict("softmax", THROWS(4)));
    await sm(aoi, -2 * DAY, 1, verdict("softmax", OK));
    await sm(aoi, -DAY, 1, verdict("softmax", OK));
    // Ben: naive twice (one student, two submissions), then solved on the 3rd.
    await sm(ben, -5 * DAY, 2 / 3, verdict("softmax", NAIVE));
    await sm(ben, -4 * DAY, 2 / 3, verdict("softmax", NAIVE));
    await sm(ben, -3 * DAY, 1, verdict("softmax", OK));
    // Cy: crashes on another line (same error once positions are removed), a compile error, never solves.
    await sm(cy, -5 * DAY, 0, verdict("softmax", THROWS(9)));
    await sm(cy, -4 * DAY, 0, verdict("softmax", [], { compileError: "';' expected." }));
    await sm(cy, -3 * DAY, null, undefined, "PENDING");
    // logsumexp: only Ben, solved at once.
    await submit(d.db, ben, "logsumexp", at(-DAY), 1, { verdict: verdict("logsumexp", [{ name: "x" }]) });
    // Work outside the cohort never shows.
    await submit(d.db, f.outsider.id, "softmax", at(-DAY), 0, { verdict: verdict("softmax", [{ name: "outsider case", failed: true }]) });
    // Quiz: q-temp answered a, b, then a (Aoi right at once; Ben wrong then right); q-shift by Cy only.
    await answer(d.db, aoi, "q-temp", at(-DAY), true, "a");
    await answer(d.db, ben, "q-temp", at(-DAY), false, "b");
    await answer(d.db, ben, "q-temp", at(-DAY + 1000), true, "a");
    await answer(d.db, cy, "q-shift", at(-DAY), false, "b");
    await answer(d.db, f.outsider.id, "q-temp", at(-DAY), false, "b");
    // Written as submissions were before failure summaries: the start-up backfill summarises them.
    await backfillFailureSummaries(d.db);
  });
  afterAll(async () => {
    await d.drop();
  });

  const softmaxOf = async (): Promise<ExerciseAnalytics> => (await buildAnalytics(d.db, f.cohortId)).exercises.find((e) => e.item.refId === "softmax")!;

  it("pass rate over the cohort's students and the median graded attempts to the first full score", async () => {
    const a = await buildAnalytics(d.db, f.cohortId);
    expect(a.students).toBe(3);
    expect(a.exercises.map((e) => e.item.refId)).toEqual(["softmax", "logsumexp"]);
    const softmax = a.exercises[0]!;
    expect(softmax).toMatchObject({ students: 3, submitted: 3, solved: 2, gradedSubmissions: 9 });
    expect(softmax.passRate).toBeCloseTo(2 / 3, 12);
    // Aoi: 3 graded attempts (the ERROR is not one); Ben: 3 → median 3.
    expect(softmax.medianAttemptsToSolve).toBe(3);
    const logsumexp = a.exercises[1]!;
    expect(logsumexp).toMatchObject({ submitted: 1, solved: 1, medianAttemptsToSolve: 1 });
    expect(logsumexp.passRate).toBeCloseTo(1 / 3, 12);
  });

  it("failures by case class count students, not submissions, over the students who submitted", async () => {
    const softmax = await softmaxOf();
    const byName = Object.fromEntries(softmax.failingCases.map((c) => [c.name, c]));
    // large logits: Aoi (naive, crash) and Ben (naive ×2) and Cy (crash) → 3 of 3.
    expect(byName["large logits"]).toMatchObject({ students: 3, visibility: "hidden", label: { en: "large logits", ja: "ja large logits" } });
    expect(byName["large logits"]!.share).toBeCloseTo(1, 12);
    // three logits: only the crashes (Aoi, Cy) → 2 of 3.
    expect(byName["three logits"]).toMatchObject({ students: 2, visibility: "visible" });
    expect(byName["three logits"]!.share).toBeCloseTo(2 / 3, 12);
    expect(softmax.failingCases[0]!.name).toBe("large logits");
    expect(byName["outsider case"]).toBeUndefined();
  });

  it("the most common runtime errors and messages, positions removed, counted once per submission", async () => {
    const softmax = await softmaxOf();
    expect(softmax.runtimeErrors).toEqual([
      { text: { en: "Your code threw an error: TypeError: z.map is not a function", ja: "コードの実行中にエラーが発生しました: TypeError: z.map is not a function" }, submissions: 2, students: 2 },
    ]);
    expect(softmax.messages[0]).toMatchObject({ text: { en: "NaN: subtract max(z) first" }, submissions: 3, students: 2 });
    expect(softmax.messages.map((m) => m.text.en)).toContain("';' expected.");
    expect(softmax.messages.length).toBeLessThanOrEqual(5);
  });

  it("quiz: the distribution of answers per item, every choice listed, with first-try results", async () => {
    const a = await buildAnalytics(d.db, f.cohortId);
    expect(a.quizzes).toHaveLength(1);
    const [temp, shift] = a.quizzes[0]!.items;
    expect(temp).toMatchObject({ quizItemId: "q-temp", answers: 3, students: 2, firstTryCorrect: 1, prompt: { en: "P0" } });
    expect(temp!.distribution.map((x) => [x.text.en, x.count, x.correct])).toEqual([
      ["A", 2, true],
      ["B", 1, false],
    ]);
    expect(temp!.distribution[0]!.share).toBeCloseTo(2 / 3, 12);
    expect(shift).toMatchObject({ quizItemId: "q-shift", answers: 1, students: 1, firstTryCorrect: 0 });
    // A never-picked choice is listed with 0.
    expect(shift!.distribution.map((x) => [x.text.en, x.count])).toEqual([
      ["B", 1],
      ["A", 0],
    ]);
  });

  it("an empty cohort gives zeros, not errors", async () => {
    const empty = await gradebookFixture(d.db);
    for (const s of empty.students) await d.db.enrollment.delete({ where: { cohortId_userId: { cohortId: empty.cohortId, userId: s.id } } });
    const a = await buildAnalytics(d.db, empty.cohortId);
    expect(a.students).toBe(0);
    expect(a.exercises[0]).toMatchObject({ students: 0, submitted: 0, solved: 0, passRate: 0, medianAttemptsToSolve: null, failingCases: [] });
    expect(a.quizzes[0]!.items.every((i) => i.answers === 0)).toBe(true);
  });

  it("is private: students and other cohorts' instructors get 403; owner, co-instructors and admins get in", async () => {
    expect(await status(analyticsAs(d.db, aoi, f.cohortId))).toBe(403);
    expect(await status(analyticsAs(d.db, f.otherInstructor.id, f.cohortId))).toBe(403);
    expect(await status(analyticsAs(d.db, undefined, f.cohortId))).toBe(401);
    expect(await status(analyticsAs(d.db, f.owner.id, f.otherCohortId))).toBe(403);
    expect(await status(analyticsAs(d.db, f.owner.id, "no-such-cohort"))).toBe(404);
    for (const who of [f.owner, f.coInstructor, f.admin]) expect(await status(analyticsAs(d.db, who.id, f.cohortId))).toBe(200);
  });
});

describe("analytics helpers", () => {
  it("median of attempts; positions removed from messages in both languages", () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(withoutPosition({ en: "Stopped at the time limit of 2000 ms (line 3). Usually…", ja: "停止しました（3 行 5 列）。" })).toEqual({ en: "Stopped at the time limit of 2000 ms. Usually…", ja: "停止しました。" });
  });
});
