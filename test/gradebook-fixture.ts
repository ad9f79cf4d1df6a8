import type { Db } from "../app/_server/db/client";
import { signUp, type PublicUser } from "../app/_server/users";

/**
 * A small cohort for the gradebook, CSV and analytics tests: two exercises and a two-item quiz in one topic, an
 * owner, a co-instructor, another cohort's instructor, an admin, three enrolled students and one outsider.
 */
export const PASSWORD = "correct horse battery";
export const DUE = new Date("2026-12-01T14:59:00Z");
export const DAY = 24 * 60 * 60 * 1000;
/** Students of the fixture cohort joined well before any work in it. */
export const JOINED = new Date("2026-01-01T00:00:00Z");
export const at = (ms: number) => new Date(DUE.getTime() + ms);

export interface Fixture {
  owner: PublicUser;
  coInstructor: PublicUser;
  otherInstructor: PublicUser;
  admin: PublicUser;
  students: PublicUser[];
  outsider: PublicUser;
  cohortId: string;
  otherCohortId: string;
  /** assignment ids by item: softmax (PENALTY 10%/day), logsumexp (REJECT), quiz (ACCEPT). */
  assignments: { softmax: string; logsumexp: string; quiz: string };
}

let counter = 0;

export async function gradebookFixture(db: Db): Promise<Fixture> {
  const tag = `${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  let n = 0;
  const user = (name: string, role: "STUDENT" | "INSTRUCTOR" | "ADMIN" = "STUDENT") =>
    signUp(db, { email: `user${++n}-${tag}@example.org`, displayName: name, password: PASSWORD }, role);
  if (!(await db.topic.findUnique({ where: { id: "softmax" } }))) {
    await db.topic.create({ data: { id: "softmax", order: 1, titleEn: "Softmax", titleJa: "ソフトマックス", introEn: "i", introJa: "i", contentHash: "t" } });
    for (const [id, en, ja] of [
      ["softmax", "Softmax", "ソフトマックス"],
      ["logsumexp", "Log-sum-exp", "ログサムエクスプ"],
    ] as const) {
      await db.exercise.create({ data: { id, topicId: "softmax", order: 1, titleEn: en, titleJa: ja, difficulty: 1, mode: "allclose", contentHash: "h" } });
    }
    for (const [i, id] of ["q-temp", "q-shift"].entries()) {
      const data = { id, type: "single", prompt: { en: `P${i}`, ja: `P${i}` }, choices: [{ id: "a", text: { en: "A", ja: "A" } }, { id: "b", text: { en: "B", ja: "B" } }], answer: "a", explanation: { en: "e", ja: "e" } };
      await db.quizItem.create({ data: { id, topicId: "softmax", order: i, type: "single", data: JSON.stringify(data), contentHash: "q" } });
    }
  }
  const owner = await user("Owner", "INSTRUCTOR");
  const coInstructor = await user("Co", "INSTRUCTOR");
  const otherInstructor = await user("Other", "INSTRUCTOR");
  const admin = await user("Admin", "ADMIN");
  const students = [await user("Aoi 青井"), await user("Ben, \"the\" student"), await user("=cmd|calc")];
  const outsider = await user("Outsider");
  const cohort = await db.cohort.create({
    data: {
      name: "ML 2026 機械学習",
      joinCode: `J${tag}`.toUpperCase().slice(0, 12),
      ownerId: owner.id,
      enrollments: {
        create: [
          { userId: owner.id, role: "INSTRUCTOR" },
          { userId: coInstructor.id, role: "INSTRUCTOR" },
          // Joined long before any answer below: answers given before joining do not count toward a quiz.
          ...students.map((s) => ({ userId: s.id, role: "STUDENT" as const, createdAt: JOINED })),
        ],
      },
    },
  });
  const other = await db.cohort.create({
    data: { name: "Other", joinCode: `K${tag}`.toUpperCase().slice(0, 12), ownerId: otherInstructor.id, enrollments: { create: [{ userId: otherInstructor.id, role: "INSTRUCTOR" }, { userId: outsider.id }] } },
  });
  const opensAt = new Date(DUE.getTime() - 7 * DAY);
  // One-item problem sets (10 points each), as the migration turned the old assignments into.
  const a = ({ kind, exerciseId, topicId, ...data }: { kind: "EXERCISE" | "QUIZ"; exerciseId?: string; topicId?: string; latePolicy: "ACCEPT" | "PENALTY" | "REJECT"; penaltyPerDay?: number; dueAt?: Date }) =>
    db.assignment.create({ data: { cohortId: cohort.id, title: exerciseId ?? `Quiz ${topicId}`, opensAt, dueAt: DUE, ...data, items: { create: [{ kind, exerciseId, topicId, position: 0 }] } } });
  const softmax = await a({ kind: "EXERCISE", exerciseId: "softmax", latePolicy: "PENALTY", penaltyPerDay: 0.1 });
  const logsumexp = await a({ kind: "EXERCISE", exerciseId: "logsumexp", latePolicy: "REJECT", dueAt: new Date(DUE.getTime() + 1000) });
  const quiz = await a({ kind: "QUIZ", topicId: "softmax", latePolicy: "ACCEPT", dueAt: new Date(DUE.getTime() + 2000) });
  return { owner, coInstructor, otherInstructor, admin, students, outsider, cohortId: cohort.id, otherCohortId: other.id, assignments: { softmax: softmax.id, logsumexp: logsumexp.id, quiz: quiz.id } };
}

let sub = 0;

/** A submission as the grader leaves it, at a chosen time. */
export async function submit(
  db: Db,
  userId: string,
  exerciseId: string,
  createdAt: Date,
  score: number | null,
  extra: { status?: "PENDING" | "GRADED" | "ERROR"; verdict?: unknown; code?: string } = {},
): Promise<string> {
  const s = await db.submission.create({
    data: {
      userId,
      exerciseId,
      code: extra.code ?? `export function ${exerciseId.replace(/-/g, "_")}() { return ${score}; }`,
      clientSubmissionId: `fixture-${++sub}-${Math.random().toString(36).slice(2)}`,
      seed: 1,
      status: extra.status ?? (score === null ? "ERROR" : "GRADED"),
      score,
      verdict: extra.verdict === undefined ? null : JSON.stringify(extra.verdict),
      contentHash: "h",
      createdAt,
      gradedAt: createdAt,
    },
  });
  return s.id;
}

export async function answer(db: Db, userId: string, quizItemId: string, createdAt: Date, correct: boolean, given = correct ? "a" : "b"): Promise<void> {
  await db.quizAttempt.create({ data: { userId, quizItemId, answer: JSON.stringify(given), correct, contentHash: "q", createdAt } });
}
