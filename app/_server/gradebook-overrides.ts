import type { Db } from "./db/client";
import { ITEM_NOT_ASSIGNED, studentItemWork } from "./gradebook";
import { overrideHistoryAs, revertOverrideAs, setOverrideAs, type OverrideEventView, type OverrideTarget } from "./overrides";

/**
 * Overrides on gradebook cells (one AssignmentItem of one student): the item must belong to one of the cohort's
 * assignments, and the audit's old → new uses the drill-down's own computed score of the item under the student's
 * rules (extension included), so a revert records what the student gets back.
 */
export async function overrideTarget(db: Db, cohortId: string, itemId: string, userId: string): Promise<OverrideTarget> {
  const item = await db.assignmentItem.findFirst({ where: { id: itemId, assignment: { cohortId } }, select: { id: true, assignmentId: true } });
  if (!item) throw ITEM_NOT_ASSIGNED;
  const work = (await studentItemWork(db, cohortId, userId, item.assignmentId)).items.find((w) => w.item.itemId === item.id);
  const computed = work ? (work.override ? work.override.computed : work.score) : null;
  return { assignmentId: item.assignmentId, itemId: item.id, computed };
}

export function setCellOverrideAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown): Promise<OverrideEventView> {
  return setOverrideAs(db, actorId, cohortId, input, overrideTarget);
}

export function revertCellOverrideAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown): Promise<OverrideEventView> {
  return revertOverrideAs(db, actorId, cohortId, input, overrideTarget);
}

export function cellOverrideHistoryAs(db: Db, actorId: string | undefined, cohortId: unknown, itemId: string, userId: string): Promise<OverrideEventView[]> {
  return overrideHistoryAs(db, actorId, cohortId, itemId, userId, overrideTarget);
}
