import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERDICT_VERSION, type CaseResult, type Verdict } from "../graders/verdict";
import { buildAnalytics } from "../app/_server/analytics";
import { backfillFailureSummaries, failureRows, textHash } from "../app/_server/failure-summary";
import { createSubmission, recordVerdict } from "../app/_server/submissions";
import { gradebookFixture, type Fixture } from "./gradebook-fixture";
import { boot } from "../app/_server/boot";
import { createDb } from "../app/_server/db/client";
import { emptyDatabase, migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

const failedCase = (name: string, message: string, kind: CaseResult["kind"] = "wrong-value", visibility: CaseResult["visibility"] = "hidden"): CaseResult => ({
  name,
  label: { en: `${name} label`, ja: `${name} ラベル` },
  visibility,
  weight: 1,
  status: "failed",
  kind,
  message: { en: message, ja: `ja ${message}` },
});
const passedCase = (name: string): CaseResult => ({ name, label: { en: name, ja: name }, visibility: "visible", weight: 1, status: "passed", message: { en: "", ja: "" } });

function verdict(cases: CaseResult[], extra: Partial<Verdict> = {}): Verdict {
  const score = cases.length ? cases.filter((c) => c.status === "passed").length / cases.length : 0;
  return { version: VERDICT_VERSION, status: score === 1 ? "passed" : "failed", score, exerciseId: "softmax", contentHash: "h", seed: 1, cases, console: { text: "", truncated: false }, timings: { transpileMs: 1, runMs: 1, totalMs: 2 }, ...extra };
}

describe("failureRows", () => {
  it("one row per failed case and per message (positions removed, once however many cases), runtime errors apart", () => {
    const rows = failureRows(
      verdict([
        passedCase("three logits"),
        failedCase("large logits", "Your code threw an error (line 4, column 3): TypeError", "runtime-error"),
        failedCase("negative logits", "Your code threw an error (line 9, column 1): TypeError", "runtime-error"),
      ]),
    );
    expect(rows).toEqual([
      { kind: "CASE", key: "large logits", en: "large logits label", ja: "large logits ラベル", visibility: "hidden" },
      { kind: "MESSAGE", key: "Your code threw an error: TypeError", en: "Your code threw an error: TypeError", ja: "ja Your code threw an error (line 4, column 3): TypeError", visibility: "" },
      { kind: "RUNTIME", key: "Your code threw an error: TypeError", en: "Your code threw an error: TypeError", ja: "ja Your code threw an error (line 4, column 3): TypeError", visibility: "" },
      { kind: "CASE", key: "negative logits", en: "negative logits label", ja: "negative logits ラベル", visibility: "hidden" },
    ]);
  });
  it("a full score and a compile error", () => {
    expect(failureRows(verdict([passedCase("a")]))).toEqual([]);
    expect(failureRows(verdict([], { compileError: { message: "';' expected.", position: { line: 2 } } })).map((r) => [r.kind, r.key])).toEqual([["MESSAGE", "';' expected."]]);
  });
});

describe.each(PROVIDERS)("failure summaries on %s", (provider) => {
  let d: MigratedDatabase;
  let f: Fixture;
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    f = await gradebookFixture(d.db);
  });
  afterAll(async () => {
    await d.drop();
  });

  const pending = async (userId: string, n: string) => (await createSubmission(d.db, userId, { exerciseId: "softmax", code: `export function softmax() { return ${n}; }`, clientSubmissionId: `summary-${n}` })).submission.id;
  const summaryOf = async (id: string) =>
    (await d.db.submissionFailure.findMany({ where: { submissionId: id }, select: { textHash: true, userId: true, exerciseId: true } })).map((r) => r.textHash).sort();

  it("is written with the verdict, replaced when the submission is graded again, and analytics counts it", async () => {
    const [aoi] = f.students;
    const id = await pending(aoi!.id, "1");
    const naive = verdict([passedCase("three logits"), failedCase("large logits", "NaN: subtract max(z) first", "non-finite")]);
    await recordVerdict(d.db, id, naive, 5);
    const rows = failureRows(naive);
    expect(await summaryOf(id)).toEqual(rows.map(textHash).sort());
    const text = await d.db.failureText.findUniqueOrThrow({ where: { hash: textHash({ kind: "CASE", key: "large logits" }) } });
    expect(text).toMatchObject({ kind: "CASE", en: "large logits label", ja: "large logits ラベル", visibility: "hidden" });
    const a = (await buildAnalytics(d.db, f.cohortId)).exercises.find((e) => e.item.refId === "softmax")!;
    expect(a.failingCases).toEqual([{ name: "large logits", label: { en: "large logits label", ja: "large logits ラベル" }, visibility: "hidden", students: 1, share: 1 }]);
    expect(a.messages).toEqual([{ text: { en: "NaN: subtract max(z) first", ja: "ja NaN: subtract max(z) first" }, submissions: 1, students: 1 }]);

    // A regrade puts the submission back to PENDING and records a new verdict: the old summary goes.
    await d.db.submission.update({ where: { id }, data: { status: "PENDING" } });
    await recordVerdict(d.db, id, verdict([passedCase("three logits"), passedCase("large logits")]), 5);
    expect(await summaryOf(id)).toEqual([]);
    // A platform error writes none.
    const err = await pending(aoi!.id, "2");
    await recordVerdict(d.db, err, { ...naive, status: "error" }, 5);
    expect(await summaryOf(err)).toEqual([]);
  });

  it("older submissions are backfilled once, with the same rows the verdict's transaction writes", async () => {
    const [, ben, cy] = f.students;
    const v = verdict([failedCase("single element", "Shape [1] expected, got [].", "shape", "visible"), failedCase("large logits", "Stopped at the time limit (line 3).", "timeout")], { message: { en: "Run-wide note", ja: "全体の注意" } });
    const old = await d.db.submission.create({
      data: { userId: ben!.id, exerciseId: "softmax", code: "x", clientSubmissionId: "summary-old", seed: 1, status: "GRADED", score: v.score, verdict: JSON.stringify(v), contentHash: "h" },
    });
    const broken = await d.db.submission.create({
      data: { userId: cy!.id, exerciseId: "softmax", code: "x", clientSubmissionId: "summary-broken", seed: 1, status: "GRADED", score: 0, verdict: "{not json", contentHash: "h" },
    });
    expect(await summaryOf(old.id)).toEqual([]);
    const first = await backfillFailureSummaries(d.db);
    expect(first.rows).toBe(failureRows(v).length);
    expect(await summaryOf(old.id)).toEqual(failureRows(v).map(textHash).sort());
    expect(await summaryOf(broken.id)).toEqual([]);
    // Idempotent: nothing new the second time (the unreadable verdict is looked at again, and yields nothing).
    const second = await backfillFailureSummaries(d.db);
    expect(second.rows).toBe(0);
    expect(await d.db.submissionFailure.count({ where: { submissionId: old.id } })).toBe(failureRows(v).length);
    const a = (await buildAnalytics(d.db, f.cohortId)).exercises.find((e) => e.item.refId === "softmax")!;
    expect(a.runtimeErrors).toEqual([{ text: { en: "Stopped at the time limit.", ja: "ja Stopped at the time limit (line 3)." }, submissions: 1, students: 1 }]);
    expect(a.failingCases.map((c) => [c.name, c.students, c.visibility])).toEqual([
      ["large logits", 1, "hidden"],
      ["single element", 1, "visible"],
    ]);
  });
});

describe.each(PROVIDERS)("start-up on %s", (provider) => {
  it("summarises submissions graded before summaries existed, once", async () => {
    const d = await emptyDatabase(provider);
    try {
      await boot(d.target, { demoAccounts: false });
      const db = await createDb(d.target);
      try {
        const user = await db.user.create({ data: { email: "boot-summary@example.org", displayName: "Boot", passwordHash: "x" } });
        const v = verdict([passedCase("three logits"), failedCase("large logits", "NaN: subtract max(z) first", "non-finite")]);
        const old = await db.submission.create({
          data: { userId: user.id, exerciseId: "softmax", code: "x", clientSubmissionId: "boot-old", seed: 1, status: "GRADED", score: v.score, verdict: JSON.stringify(v), contentHash: "h" },
        });
        const second = await boot(d.target, { demoAccounts: false });
        expect(second.failureSummaries).toEqual({ submissions: 1, rows: failureRows(v).length });
        expect(await db.submissionFailure.count({ where: { submissionId: old.id } })).toBe(failureRows(v).length);
        expect((await boot(d.target, { demoAccounts: false })).failureSummaries).toEqual({ submissions: 0, rows: 0 });
      } finally {
        await db.$disconnect();
      }
    } finally {
      await d.drop();
    }
  });
});
