import { z } from "zod";
import type { LocalizedText } from "../../graders/text";
import type { LatePolicy } from "../_generated/sqlite/client";
import { requireRole } from "./authz";
import { requireCohortInstructor } from "./cohorts";
import type { Db } from "./db/client";
import { AppError, msg, parseInput } from "./errors";
import type { LateRules } from "./late-policy";
import { localToUtc } from "./time-zone";

/**
 * Per-student extensions: a student's own due date (and optionally late policy) on one assignment, granted by the
 * cohort's instructor. `effectiveRules` is the one function that applies one: grading and late flags, the
 * gradebook and its CSV, the drill-down, the quiz's graded mode and reveal, and the learner's pages all call it.
 */

export interface AssignmentRules {
  dueAt: Date;
  latePolicy: LatePolicy;
  penaltyPerDay: number;
}

export interface ExtensionRules {
  dueAt: Date;
  latePolicy: LatePolicy | null;
  penaltyPerDay: number | null;
}

export interface EffectiveRules extends LateRules {
  latePolicy: LatePolicy;
  /** The student has an extension on this assignment. */
  extended: boolean;
}

/** A student's due date and late policy on an assignment: the extension's where it sets them, else the assignment's. */
export function effectiveRules(assignment: AssignmentRules, extension: ExtensionRules | null | undefined): EffectiveRules {
  if (!extension) return { dueAt: assignment.dueAt, latePolicy: assignment.latePolicy, penaltyPerDay: assignment.penaltyPerDay, extended: false };
  const latePolicy = extension.latePolicy ?? assignment.latePolicy;
  const penaltyPerDay = extension.latePolicy ? (extension.penaltyPerDay ?? 0) : assignment.penaltyPerDay;
  return { dueAt: extension.dueAt, latePolicy, penaltyPerDay, extended: true };
}

const LATE_POLICY_CHOICES = ["", "ACCEPT", "PENALTY", "REJECT"] as const;

/** Percent of the score lost per started day late (PENALTY only), as typed in a form; the assignment's field too. */
export const penaltyPercentField = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? undefined : Number(v)),
  z
    .number({ error: msg("Enter the penalty as a percentage per day, e.g. 10.", "1 日あたりの減点率を 10 のように % で入力してください。") })
    .min(0, { error: msg("Use a percentage from 0 to 100.", "0〜100 の % で入力してください。") })
    .max(100, { error: msg("Use a percentage from 0 to 100.", "0〜100 の % で入力してください。") })
    .optional(),
);

export const extensionSchema = z.object({
  userId: z.string({ error: msg("Choose a student.", "学生を選んでください。") }).min(1, { error: msg("Choose a student.", "学生を選んでください。") }).max(100),
  dueAt: z.preprocess((v) => (v ?? ""), z.string().trim().max(40)),
  /** "": the assignment's own policy. */
  latePolicy: z.preprocess((v) => (v ?? ""), z.enum(LATE_POLICY_CHOICES, { error: msg("Choose a late policy, or keep the assignment's.", "遅延の扱いを選ぶか、課題の設定のままにしてください。") })),
  penaltyPercent: penaltyPercentField,
  reason: z.preprocess((v) => (v ?? ""), z.string().trim().max(500, { error: msg("Keep the reason under 500 characters.", "理由は 500 文字以内にしてください。") })),
});

export const ASSIGNMENT_NOT_FOUND = new AppError(404, {
  en: "This assignment does not exist (any more). Reload the page.",
  ja: "この課題は存在しません（削除された可能性があります）。ページを再読み込みしてください。",
});

const NOT_A_STUDENT: LocalizedText = {
  en: "This person is not a student of this cohort. Choose a student from the roster.",
  ja: "この人はこのコホートの学生ではありません。名簿から学生を選んでください。",
};

/** The assignment's cohort, for the access check; 404 before any check would leak nothing (ids are random). */
export async function assignmentCohort(db: Db, assignmentId: unknown): Promise<{ id: string; cohortId: string }> {
  if (typeof assignmentId !== "string" || assignmentId.length === 0 || assignmentId.length > 100) throw ASSIGNMENT_NOT_FOUND;
  const row = await db.assignment.findUnique({ where: { id: assignmentId }, select: { id: true, cohortId: true } });
  if (!row) throw ASSIGNMENT_NOT_FOUND;
  return row;
}

export interface ExtensionView {
  id: string;
  assignmentId: string;
  userId: string;
  displayName: string;
  email: string;
  dueAt: Date;
  latePolicy: LatePolicy | null;
  penaltyPerDay: number | null;
  reason: string;
  grantedByName: string;
  updatedAt: Date;
}

const extensionSelect = {
  id: true,
  assignmentId: true,
  userId: true,
  dueAt: true,
  latePolicy: true,
  penaltyPerDay: true,
  reason: true,
  updatedAt: true,
  user: { select: { displayName: true, email: true } },
  grantedBy: { select: { displayName: true } },
} as const;

type ExtensionRow = {
  id: string;
  assignmentId: string;
  userId: string;
  dueAt: Date;
  latePolicy: LatePolicy | null;
  penaltyPerDay: number | null;
  reason: string;
  updatedAt: Date;
  user: { displayName: string; email: string };
  grantedBy: { displayName: string };
};

function toView(r: ExtensionRow): ExtensionView {
  const { user, grantedBy, ...rest } = r;
  return { ...rest, displayName: user.displayName, email: user.email, grantedByName: grantedBy.displayName };
}

/** Grants or changes a student's extension on an assignment (one per student and assignment). */
export async function setExtensionAs(db: Db, actorId: string | undefined, assignmentId: unknown, input: unknown): Promise<ExtensionView> {
  await requireRole(db, actorId, "INSTRUCTOR");
  const assignment = await assignmentCohort(db, assignmentId);
  const { actor, cohort } = await requireCohortInstructor(db, actorId, assignment.cohortId);
  const data = parseInput(extensionSchema, input);
  const errors: Record<string, LocalizedText> = {};
  const dueAt = localToUtc(data.dueAt, cohort.timeZone);
  if (!data.dueAt) errors.dueAt = { en: "Enter the student's due date.", ja: "この学生の締切日時を入力してください。" };
  else if (!dueAt) {
    errors.dueAt = {
      en: `Enter the due date as a date and time, like 2026-12-01 23:59 (${cohort.timeZone}).`,
      ja: `締切日時を 2026-12-01 23:59 のような日時で入力してください（${cohort.timeZone}）。`,
    };
  }
  if (data.latePolicy === "PENALTY" && data.penaltyPercent === undefined) {
    errors.penaltyPercent = { en: "Enter the penalty per day late, e.g. 10 (%).", ja: "1 日あたりの減点率を 10 のように入力してください（%）。" };
  }
  const enrollment = await db.enrollment.findUnique({ where: { cohortId_userId: { cohortId: cohort.id, userId: data.userId } }, select: { role: true } });
  if (enrollment?.role !== "STUDENT") errors.userId = NOT_A_STUDENT;
  if (Object.keys(errors).length > 0 || !dueAt) throw new AppError(400, { en: "Some fields need attention.", ja: "入力内容を確認してください。" }, errors);
  const latePolicy = data.latePolicy === "" ? null : data.latePolicy;
  const fields = {
    dueAt,
    latePolicy,
    penaltyPerDay: latePolicy === "PENALTY" ? (data.penaltyPercent ?? 0) / 100 : latePolicy ? 0 : null,
    reason: data.reason,
    grantedById: actor.id,
  };
  const row = await db.assignmentExtension.upsert({
    where: { assignmentId_userId: { assignmentId: assignment.id, userId: data.userId } },
    create: { assignmentId: assignment.id, userId: data.userId, ...fields },
    update: fields,
    select: extensionSelect,
  });
  return toView(row);
}

/** Withdraws a student's extension: the assignment's own due date and policy apply again. */
export async function removeExtensionAs(db: Db, actorId: string | undefined, assignmentId: unknown, userId: unknown): Promise<void> {
  await requireRole(db, actorId, "INSTRUCTOR");
  const assignment = await assignmentCohort(db, assignmentId);
  await requireCohortInstructor(db, actorId, assignment.cohortId);
  if (typeof userId !== "string" || userId.length > 100) return;
  await db.assignmentExtension.deleteMany({ where: { assignmentId: assignment.id, userId } });
}

/** A cohort's extensions, by assignment then student name. */
export async function listExtensionsAs(db: Db, actorId: string | undefined, cohortId: unknown): Promise<ExtensionView[]> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const rows = await db.assignmentExtension.findMany({ where: { assignment: { cohortId: cohort.id } }, select: extensionSelect, orderBy: [{ assignmentId: "asc" }, { dueAt: "asc" }] });
  return rows.map(toView).sort((a, b) => a.assignmentId.localeCompare(b.assignmentId) || a.displayName.localeCompare(b.displayName));
}
