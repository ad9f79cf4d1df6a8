"use server";

import { createCohortAs } from "../_server/admin";
import { toActionResult, type ActionResult } from "../_server/action-result";
import { getDb } from "../_server/db";
import { currentUserId } from "../_server/session";
import type { FormOutcome } from "../_components/cohorts/action-form";

/** Instructors and admins: the role check is inside createCohortAs. */
export async function createCohortAction(_previous: ActionResult<FormOutcome> | undefined, form: FormData): Promise<ActionResult<FormOutcome>> {
  return toActionResult(async () => {
    const cohort = await createCohortAs(await getDb(), await currentUserId(), Object.fromEntries(form));
    return {
      message: { en: `Created “${cohort.name}”. Join code: ${cohort.joinCode}`, ja: `「${cohort.name}」を作成しました。参加コード: ${cohort.joinCode}` },
      href: `/instructor/cohorts/${cohort.id}`,
    };
  });
}
