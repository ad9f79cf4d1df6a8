"use server";

import { revalidatePath } from "next/cache";
import type { FormOutcome } from "../../../../_components/cohorts/action-form";
import { toActionResult, type ActionResult } from "../../../../_server/action-result";
import { getDb } from "../../../../_server/db";
import { percent } from "../../../../_server/gradebook";
import { revertCellOverrideAs, setCellOverrideAs } from "../../../../_server/gradebook-overrides";
import { currentUserId } from "../../../../_server/session";

/** Override actions of the drill-down: the cohort's instructors and admins only (checked in the domain functions). */
type Result = ActionResult<FormOutcome>;

function cohortOf(form: FormData): string {
  const id = form.get("cohortId");
  return typeof id === "string" ? id : "";
}

export async function setOverrideAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return toActionResult(async () => {
    const cohortId = cohortOf(form);
    const e = await setCellOverrideAs(await getDb(), await currentUserId(), cohortId, Object.fromEntries(form));
    revalidatePath(`/instructor/cohorts/${cohortId}/gradebook`);
    const to = e.newScore === null ? "—" : `${percent(e.newScore)}%`;
    return { message: { en: `Score set to ${to}. The student sees it with your comment.`, ja: `点数を ${to} にしました。学生にはコメントとともに表示されます。` } };
  });
}

export async function revertOverrideAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return toActionResult(async () => {
    const cohortId = cohortOf(form);
    const e = await revertCellOverrideAs(await getDb(), await currentUserId(), cohortId, Object.fromEntries(form));
    revalidatePath(`/instructor/cohorts/${cohortId}/gradebook`);
    const to = e.newScore === null ? "—" : `${percent(e.newScore)}%`;
    return { message: { en: `Reverted: the computed score (${to}) counts again.`, ja: `元に戻しました。計算上の点数（${to}）が再び使われます。` } };
  });
}
