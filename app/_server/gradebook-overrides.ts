import type { Db } from "./db/client";
import { buildGradebook, ITEM_NOT_ASSIGNED } from "./gradebook";
import { overrideHistoryAs, revertOverrideAs, setOverrideAs, type OverrideEventView, type OverrideTarget } from "./overrides";

/**
 * Overrides on gradebook cells: the item must be assigned to the cohort, and the audit's old → new uses the
 * gradebook's own computed score of the cell (so a revert records what the student gets back).
 */
export async function overrideTarget(db: Db, cohortId: string, itemId: string, userId: string): Promise<OverrideTarget> {
  const gradebook = await buildGradebook(db, cohortId);
  const index = gradebook.items.findIndex((i) => i.assignmentId === itemId);
  if (index < 0) throw ITEM_NOT_ASSIGNED;
  const cell = gradebook.rows.find((r) => r.student.userId === userId)?.cells[index];
  const computed = cell ? (cell.override ? cell.override.computed : cell.score) : null;
  return { assignmentId: gradebook.items[index]!.assignmentId, itemId, computed };
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
