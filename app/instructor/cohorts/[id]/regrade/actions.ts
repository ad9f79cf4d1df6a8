"use server";

import { revalidatePath } from "next/cache";
import type { FormOutcome } from "../../../../_components/cohorts/action-form";
import { count, NOUNS } from "../../../../_components/text/count";
import { toActionResult, type ActionResult } from "../../../../_server/action-result";
import { getDb } from "../../../../_server/db";
import { getGradingWorker } from "../../../../_server/grading/pool";
import { startRegradeAs } from "../../../../_server/regrade";
import { currentUserId } from "../../../../_server/session";

/** Starts (or finds the unfinished) regrade of one exercise; the cohort's instructors only (checked in startRegradeAs). */
export async function startRegradeAction(_p: ActionResult<FormOutcome> | undefined, form: FormData): Promise<ActionResult<FormOutcome>> {
  return toActionResult(async () => {
    const input = Object.fromEntries(form);
    const cohortId = typeof input.cohortId === "string" ? input.cohortId : "";
    const run = await startRegradeAs(await getDb(), await currentUserId(), cohortId, input);
    // Graders of this process look for work now (the jobs are durable: any grader takes them in any case).
    void getGradingWorker()
      .then((w) => w?.wake())
      .catch(() => {});
    revalidatePath(`/instructor/cohorts/${cohortId}/regrade`);
    return run.started
      ? { message: { en: `Regrading ${count(run.total, NOUNS.submission, "en")}. Progress shows below.`, ja: `${run.total} 件の提出を再採点しています。進み具合は下に表示されます。` } }
      : { message: { en: "This exercise is being regraded already; its progress shows below.", ja: "この演習はすでに再採点中です。進み具合は下に表示されます。" } };
  });
}
