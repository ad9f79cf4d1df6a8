import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../app/_server/errors";
import { statusOf as status } from "./support/app-errors";
import {
  buildGradebook,
  cohortWorkAs,
  gradebookAs,
  isoInZone,
  parseGradebookView,
  percent,
  studentItemWorkAs,
  viewRows,
  type Gradebook,
} from "../app/_server/gradebook";
import { effectiveRules } from "../app/_server/extensions";
import type { PublicUser } from "../app/_server/users";
import { bestUnderPolicy, quizScoreUnderPolicy, type QuizAnswer } from "../app/_server/late-policy";
import { answer, at, DAY, gradebookFixture, submit, type Fixture } from "./gradebook-fixture";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";


/** A tiny seeded generator, so a failing property run can be reproduced. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe.each(PROVIDERS)("gradebook on %s", (provider) => {
  let d: MigratedDatabase;
  let f: Fixture;
  let aoi: string;
  let ben: string;
  let third: string;

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    f = await gradebookFixture(d.db);
    [aoi, ben, third] = f.students.map((s) => s.id) as [string, string, string];
    // Aoi: softmax 0.5 on time, then 1.0 two days late under 10 %/day → 0.8 counts, late.
    await submit(d.db, aoi, "softmax", at(-DAY), 0.5);
    await submit(d.db, aoi, "softmax", at(DAY + 1), 1);
    await submit(d.db, aoi, "softmax", at(DAY + 2), null, { status: "ERROR" });
    // Aoi: logsumexp (REJECT) only late → counts 0, late.
    await submit(d.db, aoi, "logsumexp", at(3 * DAY), 1);
    // Ben: softmax 0.9 on time and 1.0 late by 6 days → 0.9 on time wins.
    await submit(d.db, ben, "softmax", at(-1000), 0.9);
    await submit(d.db, ben, "softmax", at(6 * DAY), 1);
    // Ben: logsumexp 1.0 exactly at its due instant: on time.
    await submit(d.db, ben, "logsumexp", at(1000), 1);
    // Ben's pending submission counts nothing yet.
    await submit(d.db, ben, "logsumexp", at(2000), null, { status: "PENDING" });
    // Quiz: Aoi right on both items (one late, ACCEPT), Ben right on one item after a wrong answer.
    await answer(d.db, aoi, "q-temp", at(-DAY), true);
    await answer(d.db, aoi, "q-shift", at(2 * DAY), true);
    await answer(d.db, ben, "q-temp", at(-DAY), false);
    await answer(d.db, ben, "q-temp", at(-DAY + 1), true);
    // The outsider's work is not in this cohort's gradebook.
    await submit(d.db, f.outsider.id, "softmax", at(-DAY), 1);
  });
  afterAll(async () => {
    await d.drop();
  });

  function cell(gb: Gradebook, userId: string, refId: string) {
    const row = gb.rows.find((r) => r.student.userId === userId)!;
    return row.cells[gb.items.findIndex((i) => i.refId === refId)]!;
  }

  it("takes the best score under each item's late policy, with attempts, last time and the late flag", async () => {
    const gb = await buildGradebook(d.db, f.cohortId);
    expect(gb.items.map((i) => i.refId)).toEqual(["softmax", "logsumexp", "softmax"]);
    expect(gb.items.map((i) => i.kind)).toEqual(["EXERCISE", "EXERCISE", "QUIZ"]);
    expect(gb.rows.map((r) => r.student.userId).sort()).toEqual([aoi, ben, third].sort());

    const aoiSoftmax = cell(gb, aoi, "softmax");
    expect(aoiSoftmax.score).toBeCloseTo(0.8, 12);
    expect(aoiSoftmax).toMatchObject({ attempts: 2, late: true });
    expect(aoiSoftmax.lastSubmittedAt?.toISOString()).toBe(at(DAY + 1).toISOString());
    expect(cell(gb, aoi, "logsumexp")).toMatchObject({ score: 0, attempts: 1, late: true });

    expect(cell(gb, ben, "softmax")).toMatchObject({ score: 0.9, attempts: 2, late: false });
    expect(cell(gb, ben, "logsumexp")).toMatchObject({ score: 1, attempts: 1, late: false });
    expect(cell(gb, third, "softmax")).toEqual({ score: null, attempts: 0, lastSubmittedAt: null, late: false });

    const quiz = (u: string) => gb.rows.find((r) => r.student.userId === u)!.cells[2]!;
    expect(quiz(aoi)).toMatchObject({ score: 1, attempts: 2, late: true });
    expect(quiz(ben)).toMatchObject({ score: 0.5, attempts: 2, late: false });
    expect(quiz(third).score).toBeNull();
  });

  it("totals per student and per item count missing work as 0", async () => {
    const gb = await buildGradebook(d.db, f.cohortId);
    const row = (u: string) => gb.rows.find((r) => r.student.userId === u)!;
    expect(row(aoi).total).toBeCloseTo((0.8 + 0 + 1) / 3, 12);
    expect(row(ben).total).toBeCloseTo((0.9 + 1 + 0.5) / 3, 12);
    expect(row(third)).toMatchObject({ total: 0, submitted: 0, late: 0 });
    expect(row(aoi)).toMatchObject({ submitted: 3, late: 3 });
    expect(gb.itemTotals[0]).toMatchObject({ submitted: 2, solved: 0, late: 1 });
    expect(gb.itemTotals[0]!.mean).toBeCloseTo((0.8 + 0.9) / 3, 12);
    expect(gb.itemTotals[1]).toMatchObject({ submitted: 2, solved: 1, late: 1 });
    expect(gb.cohortMean).toBeCloseTo((row(aoi).total + row(ben).total) / 3, 12);
  });

  it("agrees with late-policy.ts over every submission for random histories (aggregates are not a shortcut)", async () => {
    const r = rng(20261125);
    const extra = await gradebookFixture(d.db);
    const history = new Map<string, { score: number | null; createdAt: Date }[]>();
    for (const s of extra.students) {
      for (const ex of ["softmax", "logsumexp"]) {
        const list: { score: number | null; createdAt: Date }[] = [];
        for (let k = 0; k < 6; k++) {
          const createdAt = at(Math.round((r() * 8 - 3) * DAY));
          const score = r() < 0.15 ? null : Math.round(r() * 20) / 20;
          await submit(d.db, s.id, ex, createdAt, score);
          list.push({ score, createdAt });
        }
        history.set(`${s.id}:${ex}`, list);
      }
    }
    const check = async () => {
      const gb = await buildGradebook(d.db, extra.cohortId);
      const extensions = await d.db.assignmentExtension.findMany({ where: { assignment: { cohortId: extra.cohortId } } });
      for (const s of extra.students) {
        for (const [i, item] of gb.items.entries()) {
          if (item.kind !== "EXERCISE") continue;
          const rules = effectiveRules(item, extensions.find((x) => x.userId === s.id && x.assignmentId === item.assignmentId));
          const expected = bestUnderPolicy(history.get(`${s.id}:${item.refId}`)!, rules);
          const got = gb.rows.find((row) => row.student.userId === s.id)!.cells[i]!;
          expect(got.score).toBeCloseTo(expected.score ?? 0, 12);
          expect(got.late).toBe(expected.late);
          expect(got.attempts).toBe(expected.attempts);
          expect(got.lastSubmittedAt?.getTime()).toBe(expected.lastSubmittedAt?.getTime());
        }
      }
    };
    // softmax PENALTY, logsumexp REJECT; then every policy on each exercise.
    await check();
    await d.db.assignment.update({ where: { id: extra.assignments.softmax }, data: { latePolicy: "ACCEPT" } });
    await d.db.assignment.update({ where: { id: extra.assignments.logsumexp }, data: { latePolicy: "PENALTY", penaltyPerDay: 0.25 } });
    await check();
    await d.db.assignment.update({ where: { id: extra.assignments.softmax }, data: { latePolicy: "REJECT" } });
    await d.db.assignment.update({ where: { id: extra.assignments.logsumexp }, data: { latePolicy: "ACCEPT" } });
    await check();
    // Extensions: a later date with the set's policy, a later date with a PENALTY of its own, an earlier one that
    // REJECTs; the SQL's COALESCE must agree with effectiveRules.
    const [s0, s1, s2] = extra.students as [PublicUser, PublicUser, PublicUser];
    const grant = (assignmentId: string, userId: string, dueAt: Date, latePolicy: "PENALTY" | "REJECT" | null, penaltyPerDay: number | null) =>
      d.db.assignmentExtension.create({ data: { assignmentId, userId, dueAt, latePolicy, penaltyPerDay, grantedById: extra.owner.id } });
    await grant(extra.assignments.softmax, s0.id, at(2 * DAY), null, null);
    await grant(extra.assignments.logsumexp, s1.id, at(DAY + 5000), "PENALTY", 0.3);
    await grant(extra.assignments.softmax, s2.id, at(-DAY), "REJECT", null);
    await grant(extra.assignments.logsumexp, s2.id, at(3 * DAY), "PENALTY", 0.1);
    await check();
    await d.db.assignment.update({ where: { id: extra.assignments.softmax }, data: { latePolicy: "PENALTY", penaltyPerDay: 0.2 } });
    await check();
  });

  it("quiz cells agree with late-policy.ts over every answer for random histories, under every policy", async () => {
    const r = rng(6);
    const extra = await gradebookFixture(d.db);
    const history = new Map<string, QuizAnswer[]>();
    for (const s of extra.students) {
      const list: QuizAnswer[] = [];
      for (let k = 0; k < 8; k++) {
        const quizItemId = r() < 0.5 ? "q-temp" : "q-shift";
        const createdAt = at(Math.round((r() * 8 - 3) * DAY));
        const correct = r() < 0.5;
        await answer(d.db, s.id, quizItemId, createdAt, correct);
        list.push({ quizItemId, correct, createdAt });
      }
      history.set(s.id, list);
    }
    for (const policy of [{ latePolicy: "ACCEPT" }, { latePolicy: "PENALTY", penaltyPerDay: 0.3 }, { latePolicy: "REJECT" }] as const) {
      await d.db.assignment.update({ where: { id: extra.assignments.quiz }, data: policy });
      const gb = await buildGradebook(d.db, extra.cohortId);
      const i = gb.items.findIndex((item) => item.kind === "QUIZ");
      for (const s of extra.students) {
        const expected = quizScoreUnderPolicy(["q-temp", "q-shift"], history.get(s.id)!, gb.items[i]!);
        const got = gb.rows.find((row) => row.student.userId === s.id)!.cells[i]!;
        expect(got.score, policy.latePolicy).toBeCloseTo(expected.score ?? 0, 9);
        expect(got.late, policy.latePolicy).toBe(expected.late);
        expect(got.attempts).toBe(expected.attempts);
        expect(got.lastSubmittedAt?.getTime()).toBe(expected.lastSubmittedAt?.getTime());
      }
    }
  });

  it("sorts by name, total or one item and filters by text, late work and missing work", async () => {
    const gb = await buildGradebook(d.db, f.cohortId);
    const names = (view: Record<string, string>) => viewRows(gb, parseGradebookView(view)).map((r) => r.student.displayName);
    expect(names({})).toEqual(["=cmd|calc", "Aoi 青井", 'Ben, "the" student']);
    expect(names({ sort: "total", dir: "desc" })).toEqual(['Ben, "the" student', "Aoi 青井", "=cmd|calc"]);
    expect(names({ sort: f.assignments.softmax, dir: "desc" })).toEqual(['Ben, "the" student', "Aoi 青井", "=cmd|calc"]);
    expect(names({ sort: f.assignments.softmax, dir: "asc" })).toEqual(["=cmd|calc", "Aoi 青井", 'Ben, "the" student']);
    expect(names({ q: "青井" })).toEqual(["Aoi 青井"]);
    expect(names({ q: "BEN" })).toEqual(['Ben, "the" student']);
    expect(names({ show: "late" })).toEqual(["Aoi 青井"]);
    expect(names({ show: "missing" })).toEqual(["=cmd|calc"]);
    // Nonsense in the URL falls back to the default view instead of failing the page.
    expect(parseGradebookView({ dir: "sideways", show: ["late", "all"], q: "x".repeat(500) })).toEqual({ q: "", sort: "name", dir: "asc", show: "late" });
  });

  it("formats times in the cohort's time zone", () => {
    const t = new Date("2026-12-01T14:59:30Z");
    expect(isoInZone(t, "Asia/Tokyo")).toBe("2026-12-01T23:59:30+09:00");
    expect(isoInZone(t, "UTC")).toBe("2026-12-01T14:59:30+00:00");
    expect(isoInZone(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toBe("2026-07-01T08:00:00-04:00");
    expect(percent(0.8)).toBe(80);
    expect(percent(2 / 3)).toBe(66.7);
  });

  it("drills down to one student's submissions on one item, newest first, marking the one that counts", async () => {
    const work = (await studentItemWorkAs(d.db, f.owner.id, f.cohortId, aoi, f.assignments.softmax)).items[0]!;
    expect(work.submissions.map((s) => s.status)).toEqual(["ERROR", "GRADED", "GRADED"]);
    expect(work.submissions.map((s) => s.counts)).toEqual([false, true, false]);
    expect(work.submissions[1]!.counted).toBeCloseTo(0.8, 12);
    expect(work.submissions[1]!.daysLate).toBe(2);
    expect(work.submissions[1]!.code).toContain("export function softmax");
    const quiz = (await studentItemWorkAs(d.db, f.owner.id, f.cohortId, ben, f.assignments.quiz)).items[0]!;
    expect(quiz.answers.map((a) => [a.quizItemId, a.correct])).toEqual([
      ["q-temp", true],
      ["q-temp", false],
    ]);
    // A student outside the cohort, or an item not assigned here, is a 404 even for the owner.
    expect(await status(studentItemWorkAs(d.db, f.owner.id, f.cohortId, f.outsider.id, f.assignments.softmax))).toBe(404);
    expect(await status(studentItemWorkAs(d.db, f.owner.id, f.cohortId, aoi, "no-such-assignment"))).toBe(404);
    // A removed student keeps their work but leaves the gradebook.
    await d.db.enrollment.delete({ where: { cohortId_userId: { cohortId: f.cohortId, userId: f.students[2]!.id } } });
    expect((await buildGradebook(d.db, f.cohortId)).rows.map((r) => r.student.userId)).not.toContain(f.students[2]!.id);
    await d.db.enrollment.create({ data: { cohortId: f.cohortId, userId: f.students[2]!.id } });
  });

  it("exports every submission and quiz answer with its counted score", async () => {
    const { rows } = await cohortWorkAs(d.db, f.owner.id, f.cohortId);
    expect(rows.filter((r) => r.kind === "exercise")).toHaveLength(8);
    expect(rows.filter((r) => r.kind === "quiz")).toHaveLength(4);
    expect(rows.every((r) => r.email !== f.outsider.email)).toBe(true);
    const late = rows.find((r) => r.kind === "exercise" && r.displayName === "Aoi 青井" && r.score === 1 && r.item === "softmax")!;
    expect(late.daysLate).toBe(2);
    expect(late.counted).toBeCloseTo(0.8, 12);
    expect(rows.find((r) => r.item === "logsumexp" && r.displayName === "Aoi 青井")!.counted).toBeNull();
  });

  it("is private: students and other cohorts' instructors get 403; co-instructors and admins get in", async () => {
    const guarded = [
      (actor: string | undefined, cohort: string) => gradebookAs(d.db, actor, cohort),
      (actor: string | undefined, cohort: string) => cohortWorkAs(d.db, actor, cohort),
      (actor: string | undefined, cohort: string) => studentItemWorkAs(d.db, actor, cohort, aoi, f.assignments.softmax),
    ];
    for (const call of guarded) {
      expect(await status(call(aoi, f.cohortId))).toBe(403);
      expect(await status(call(f.otherInstructor.id, f.cohortId))).toBe(403);
      expect(await status(call(undefined, f.cohortId))).toBe(401);
      expect(await status(call(f.owner.id, f.otherCohortId))).toBe(403);
      expect(await status(call(f.owner.id, "no-such-cohort"))).toBe(404);
      expect(await status(call(f.owner.id, f.cohortId))).toBe(200);
      expect(await status(call(f.coInstructor.id, f.cohortId))).toBe(200);
      expect(await status(call(f.admin.id, f.cohortId))).toBe(200);
    }
  });
});

describe("isoInZone (offsets cached per day and quarter hour)", () => {
  /** The reference: Intl asked about the very instant. */
  function reference(ms: number, timeZone: string): string {
    const f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "longOffset" });
    const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${(p.timeZoneName ?? "").replace("GMT", "") || "+00:00"}`;
  }

  it.each([
    // DST ends / starts, a 30-minute DST shift, a +05:45 zone, a zone without DST, and UTC.
    ["America/New_York", Date.UTC(2026, 10, 1, 3), Date.UTC(2026, 10, 1, 8)],
    ["America/New_York", Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 2, 8, 9)],
    ["Europe/Berlin", Date.UTC(2026, 2, 29, 0), Date.UTC(2026, 2, 29, 3)],
    ["Australia/Lord_Howe", Date.UTC(2026, 3, 4, 14), Date.UTC(2026, 3, 4, 16)],
    ["Asia/Kathmandu", Date.UTC(2026, 11, 1, 0), Date.UTC(2026, 11, 1, 2)],
    ["Asia/Tokyo", Date.UTC(2026, 11, 1, 0), Date.UTC(2026, 11, 2, 0)],
    ["UTC", Date.UTC(2026, 11, 1, 0), Date.UTC(2026, 11, 1, 1)],
    // Local mean time before 1888 has an offset with seconds (+09:18:59): the exact path.
    ["Asia/Tokyo", Date.UTC(1880, 0, 1, 0), Date.UTC(1880, 0, 1, 1)],
  ])("agrees with Intl at every 37 s around transitions in %s", (zone, from, to) => {
    for (let ms = from; ms < to; ms += 37_000) expect(isoInZone(new Date(ms + 123), zone)).toBe(reference(ms + 123, zone));
    // Around the exact transition instants too: the last millisecond before and the first after each quarter hour.
    for (let ms = Math.ceil(from / 900_000) * 900_000; ms < to; ms += 900_000) {
      expect(isoInZone(new Date(ms - 1), zone)).toBe(reference(ms - 1, zone));
      expect(isoInZone(new Date(ms), zone)).toBe(reference(ms, zone));
    }
  });
});
