"use server";

import type { FormOutcome } from "../_components/cohorts/action-form";
import { toActionResult, type ActionResult } from "../_server/action-result";
import { joinCohortAs } from "../_server/cohorts";
import { getDb } from "../_server/db";
import { currentUserId } from "../_server/session";

/** Any signed-in user joins with a code or a pasted join link; then the dashboard shows the cohort's assignments. */
export async function joinCohortAction(_previous: ActionResult<FormOutcome> | undefined, form: FormData): Promise<ActionResult<FormOutcome>> {
  return toActionResult(async () => {
    const { cohort, alreadyMember } = await joinCohortAs(await getDb(), await currentUserId(), Object.fromEntries(form));
    return alreadyMember
      ? { message: { en: `You are already in “${cohort.name}”.`, ja: `すでに「${cohort.name}」に参加しています。` }, href: `/join?joined=${cohort.id}` }
      : { message: { en: `You joined “${cohort.name}”.`, ja: `「${cohort.name}」に参加しました。` }, href: `/join?joined=${cohort.id}` };
  });
}
