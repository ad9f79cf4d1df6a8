import { z } from "zod";
import type { LocalizedText } from "../../graders/text";
import { requireCohortInstructor } from "./cohorts";
import type { Db } from "./db/client";
import { AppError, msg, parseInput } from "./errors";
import { visibleName } from "./text-fields";

/**
 * Grade overrides: an instructor sets a student's score on one assignment item, with a comment the student sees,
 * or reverts it to the computed score. Every change is a row of GradeOverrideEvent (who, when, old → new, why),
 * which is only ever appended to; a cell is overridden when its latest event is a SET. The gradebook and its CSV use
 * the override in place of the computed score and mark the cell; the student sees score and comment on the
 * assignment and exercise pages.
 */
export type OverrideAction = "SET" | "REVERT";

export interface ActiveOverride {
  score: number;
  comment: string;
  at: Date;
  actorId: string;
}

export interface OverrideEventView {
  id: string;
  action: OverrideAction;
  oldScore: number | null;
  newScore: number | null;
  comment: string;
  actor: string;
  createdAt: Date;
}

/** Where an item lives and what the cell would score without an override (the gradebook's own computation). */
export interface OverrideTarget {
  assignmentId: string;
  itemId: string;
  /** The computed score of the cell, in [0, 1]; null when nothing was submitted. */
  computed: number | null;
}

/** Resolves the item of a cohort and the student's computed score on it; throws 404 when the item is not the cohort's. */
export type ResolveTarget = (db: Db, cohortId: string, itemId: string, userId: string) => Promise<OverrideTarget>;

const commentField = visibleName(1000, { en: "Say why, in a sentence the student will read.", ja: "理由を学生が読める一文で書いてください。" });

export const setOverrideSchema = z.object({
  itemId: z.string().min(1).max(100),
  userId: z.string().min(1).max(100),
  score: z.coerce
    .number({ error: msg("Enter the score as a percentage from 0 to 100.", "点数を 0〜100 のパーセントで入力してください。") })
    .min(0, { error: msg("Enter the score as a percentage from 0 to 100.", "点数を 0〜100 のパーセントで入力してください。") })
    .max(100, { error: msg("Enter the score as a percentage from 0 to 100.", "点数を 0〜100 のパーセントで入力してください。") }),
  comment: commentField,
});

export const revertOverrideSchema = z.object({
  itemId: z.string().min(1).max(100),
  userId: z.string().min(1).max(100),
  comment: commentField,
});

const NOT_A_STUDENT = new AppError(404, { en: "This person is not a student of this cohort. Reload the gradebook.", ja: "この人はこのコホートの学生ではありません。成績表を再読み込みしてください。" });
const NOT_OVERRIDDEN: LocalizedText = { en: "This score is not overridden (any more): there is nothing to revert. Reload the page.", ja: "この点数は上書きされていません（すでに戻されています）。ページを再読み込みしてください。" };

async function requireStudent(db: Db, cohortId: string, userId: string): Promise<void> {
  const e = await db.enrollment.findUnique({ where: { cohortId_userId: { cohortId, userId } }, select: { role: true } });
  if (e?.role !== "STUDENT") throw NOT_A_STUDENT;
}

/** The latest event of each (item, student) among `itemIds`, as the overrides in force. */
export async function activeOverrides(db: Db, itemIds: string[], userIds?: string[]): Promise<Map<string, Map<string, ActiveOverride>>> {
  const out = new Map<string, Map<string, ActiveOverride>>();
  if (itemIds.length === 0) return out;
  const events = await db.gradeOverrideEvent.findMany({
    where: { itemId: { in: itemIds }, ...(userIds ? { userId: { in: userIds } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { itemId: true, userId: true, action: true, newScore: true, comment: true, createdAt: true, actorId: true },
  });
  for (const e of events) {
    let byItem = out.get(e.userId);
    if (!byItem) out.set(e.userId, (byItem = new Map()));
    if (e.action === "SET" && e.newScore !== null) byItem.set(e.itemId, { score: e.newScore, comment: e.comment, at: e.createdAt, actorId: e.actorId });
    else byItem.delete(e.itemId);
  }
  return out;
}

async function currentOverride(db: Db, itemId: string, userId: string): Promise<ActiveOverride | null> {
  return (await activeOverrides(db, [itemId], [userId])).get(userId)?.get(itemId) ?? null;
}

/** Sets (or changes) a student's score on an item; returns the event. */
export async function setOverrideAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown, resolve: ResolveTarget): Promise<OverrideEventView> {
  const { actor, cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const data = parseInput(setOverrideSchema, input);
  await requireStudent(db, cohort.id, data.userId);
  const target = await resolve(db, cohort.id, data.itemId, data.userId);
  const before = await currentOverride(db, target.itemId, data.userId);
  const event = await db.gradeOverrideEvent.create({
    data: {
      assignmentId: target.assignmentId,
      itemId: target.itemId,
      userId: data.userId,
      actorId: actor.id,
      action: "SET",
      oldScore: before ? before.score : target.computed,
      newScore: Math.round(data.score * 10) / 1000,
      comment: data.comment,
    },
  });
  return { ...event, action: "SET", actor: actor.displayName };
}

/** Reverts an override to the computed score (itself an audited event, with the reason). */
export async function revertOverrideAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown, resolve: ResolveTarget): Promise<OverrideEventView> {
  const { actor, cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const data = parseInput(revertOverrideSchema, input);
  await requireStudent(db, cohort.id, data.userId);
  const target = await resolve(db, cohort.id, data.itemId, data.userId);
  const before = await currentOverride(db, target.itemId, data.userId);
  if (!before) throw new AppError(409, NOT_OVERRIDDEN);
  const event = await db.gradeOverrideEvent.create({
    data: {
      assignmentId: target.assignmentId,
      itemId: target.itemId,
      userId: data.userId,
      actorId: actor.id,
      action: "REVERT",
      oldScore: before.score,
      newScore: target.computed,
      comment: data.comment,
    },
  });
  return { ...event, action: "REVERT", actor: actor.displayName };
}

/** The audit trail of one cell, newest first, for the cohort's instructors. */
export async function overrideHistoryAs(db: Db, actorId: string | undefined, cohortId: unknown, itemId: string, userId: string, resolve: ResolveTarget): Promise<OverrideEventView[]> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  await requireStudent(db, cohort.id, userId);
  const target = await resolve(db, cohort.id, itemId, userId);
  return overrideHistory(db, target.itemId, userId);
}

export async function overrideHistory(db: Db, itemId: string, userId: string): Promise<OverrideEventView[]> {
  const events = await db.gradeOverrideEvent.findMany({ where: { itemId, userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: [...new Set(events.map((e) => e.actorId))] } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]),
  );
  return events.map((e) => ({
    id: e.id,
    action: e.action as OverrideAction,
    oldScore: e.oldScore,
    newScore: e.newScore,
    comment: e.comment,
    actor: names.get(e.actorId) ?? "—",
    createdAt: e.createdAt,
  }));
}

/** What a gradebook cell carries when overridden: the computed score it replaces and the comment. */
export interface CellOverride {
  computed: number | null;
  comment: string;
  at: Date;
}

/**
 * Puts the overrides in force (activeOverrides) into the gradebook's cells before totals are made, marking each
 * overridden cell with the computed score it replaces. `get`/`set` reach the gradebook's own cell map.
 */
export function applyOverrides<C extends { score: number | null; override?: CellOverride }>(
  overrides: Map<string, Map<string, ActiveOverride>>,
  get: (userId: string, itemId: string) => C | undefined,
  set: (userId: string, itemId: string, cell: C) => void,
  empty: C,
): void {
  for (const [userId, byItem] of overrides) {
    for (const [itemId, o] of byItem) {
      const cell = get(userId, itemId) ?? empty;
      set(userId, itemId, { ...cell, score: o.score, override: { computed: cell.score, comment: o.comment, at: o.at } });
    }
  }
}

export interface LearnerOverride {
  itemId: string;
  cohortName: string;
  assignmentTitle: string;
  score: number;
  comment: string;
  at: Date;
}

/** The overrides in force on the learner's own items of one exercise or topic quiz (their cohorts as a student). */
export async function learnerOverrides(db: Db, userId: string, kind: "EXERCISE" | "QUIZ", refId: string): Promise<LearnerOverride[]> {
  const items = await learnerItems(db, userId, kind, refId);
  if (items.length === 0) return [];
  const active = (await activeOverrides(db, items.map((i) => i.itemId), [userId])).get(userId);
  return items.flatMap((i) => {
    const o = active?.get(i.itemId);
    return o ? [{ itemId: i.itemId, cohortName: i.cohortName, assignmentTitle: i.assignmentTitle, score: o.score, comment: o.comment, at: o.at }] : [];
  });
}

/** The learner's assignment items of an exercise or a topic's quiz. */
async function learnerItems(db: Db, userId: string, kind: "EXERCISE" | "QUIZ", refId: string): Promise<{ itemId: string; cohortName: string; assignmentTitle: string }[]> {
  const rows = await db.assignmentItem.findMany({
    where: { kind, ...(kind === "EXERCISE" ? { exerciseId: refId } : { topicId: refId }), assignment: { cohort: { enrollments: { some: { userId, role: "STUDENT" } } } } },
    select: { id: true, assignment: { select: { title: true, cohort: { select: { name: true } } } } },
  });
  return rows.map((r) => ({ itemId: r.id, cohortName: r.assignment.cohort.name, assignmentTitle: r.assignment.title }));
}
