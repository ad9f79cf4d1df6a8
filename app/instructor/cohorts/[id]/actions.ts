"use server";

import { revalidatePath } from "next/cache";
import type { FormOutcome } from "../../../_components/cohorts/action-form";
import { toActionResult, type ActionResult } from "../../../_server/action-result";
import { createAssignmentAs, deleteAssignmentAs, updateAssignmentAs } from "../../../_server/assignments";
import { removeExtensionAs, setExtensionAs } from "../../../_server/extensions";
import { addCoInstructorAs, deleteCohortAs, regenerateJoinCodeAs, removeMemberAs, updateCohortAs } from "../../../_server/cohorts";
import { getDb } from "../../../_server/db";
import type { Db } from "../../../_server/db/client";
import { createResetLinkAs, resetLinkMessage, SET_PASSWORD_LINK_TTL_MS } from "../../../_server/password-tokens";
import { importRosterAs, rosterLinksCsv } from "../../../_server/roster-import";
import { browserOrigin } from "../../../_server/request-origin";
import { currentUserId } from "../../../_server/session";

/**
 * The cohort page's actions. Each passes the session's user id and the form to one guarded domain function, which
 * checks that the user owns or co-instructs the cohort (or is an admin): a student or another cohort's instructor
 * gets 403 however the action is called (test/authz-instructor.test.ts).
 */
type Result = ActionResult<FormOutcome>;

async function run(form: FormData, fn: (db: Db, actorId: string | undefined, cohortId: string, input: Record<string, unknown>) => Promise<FormOutcome>): Promise<Result> {
  return toActionResult(async () => {
    const input = Object.fromEntries(form);
    const cohortId = typeof input.cohortId === "string" ? input.cohortId : "";
    const outcome = await fn(await getDb(), await currentUserId(), cohortId, input);
    if (cohortId) revalidatePath(`/instructor/cohorts/${cohortId}`);
    return outcome;
  });
}

export async function updateCohortAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return run(form, async (db, actor, cohortId, input) => {
    const cohort = await updateCohortAs(db, actor, cohortId, input);
    return { message: { en: `Saved. Times are now shown in ${cohort.timeZone}.`, ja: `保存しました。時刻は ${cohort.timeZone} で表示されます。` } };
  });
}

export async function regenerateCodeAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return run(form, async (db, actor, cohortId, input) => {
    const cohort = await regenerateJoinCodeAs(db, actor, cohortId, input);
    return { message: { en: `New join code: ${cohort.joinCode}. The old code no longer works.`, ja: `新しい参加コード: ${cohort.joinCode}。古いコードは使えなくなりました。` } };
  });
}

export async function removeMemberAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return run(form, async (db, actor, cohortId, input) => {
    const { removed } = await removeMemberAs(db, actor, cohortId, input);
    return removed
      ? { message: { en: "Removed from the cohort. Their own work is kept.", ja: "コホートから外しました。本人の提出物は残ります。" } }
      : { message: { en: "They were no longer in the cohort.", ja: "すでにコホートにいませんでした。" } };
  });
}

/** A reset link for a student of this cohort (the check that they are one is inside createResetLinkAs). */
export async function createResetLinkAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return run(form, async (db, actor, _cohortId, input) => {
    const link = await createResetLinkAs(db, actor, { userId: input.userId });
    return { message: resetLinkMessage(link, await browserOrigin()) };
  });
}

export async function addCoInstructorAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return run(form, async (db, actor, cohortId, input) => {
    const member = await addCoInstructorAs(db, actor, cohortId, input);
    return { message: { en: `${member.displayName} is now a co-instructor.`, ja: `${member.displayName} さんを共同インストラクターにしました。` } };
  });
}

export async function deleteCohortAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return run(form, async (db, actor, cohortId) => {
    await deleteCohortAs(db, actor, cohortId);
    return { message: { en: "Cohort deleted.", ja: "コホートを削除しました。" }, href: "/instructor" };
  });
}

export async function createAssignmentAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return run(form, async (db, actor, cohortId, input) => {
    const a = await createAssignmentAs(db, actor, cohortId, input);
    return { message: { en: `Assigned “${a.title}” (${a.items.length} items, ${a.points} points).`, ja: `「${a.title}」を課題にしました（${a.items.length} 項目・${a.points} 点）。` } };
  });
}

export async function updateAssignmentAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return run(form, async (db, actor, _cohortId, input) => {
    const a = await updateAssignmentAs(db, actor, input.assignmentId, input);
    return { message: { en: `Saved “${a.title}”.`, ja: `「${a.title}」を保存しました。` } };
  });
}

export async function deleteAssignmentAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return run(form, async (db, actor, _cohortId, input) => {
    await deleteAssignmentAs(db, actor, input.assignmentId);
    return { message: { en: "Assignment removed. Submissions are kept.", ja: "課題を削除しました。提出物は残ります。" } };
  });
}

export async function setExtensionAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return run(form, async (db, actor, _cohortId, input) => {
    const x = await setExtensionAs(db, actor, input.assignmentId, input);
    return { message: { en: `Extension saved for ${x.displayName}.`, ja: `${x.displayName} さんの延長を保存しました。` } };
  });
}

export async function removeExtensionAction(_p: Result | undefined, form: FormData): Promise<Result> {
  return run(form, async (db, actor, _cohortId, input) => {
    await removeExtensionAs(db, actor, input.assignmentId, input.userId);
    return { message: { en: "Extension removed.", ja: "延長を取り消しました。" } };
  });
}

export interface RosterImportOutcome {
  created: number;
  enrolled: number;
  /** The CSV of set-password links to hand out (UTF-8 with BOM, opens in Excel). */
  csv: string;
}

/** Imports a roster CSV (the cohort's instructors and admins only, checked inside importRosterAs). */
export async function importRosterAction(_p: ActionResult<RosterImportOutcome> | undefined, form: FormData): Promise<ActionResult<RosterImportOutcome>> {
  return toActionResult(async () => {
    const cohortId = String(form.get("cohortId") ?? "");
    const file = form.get("file");
    const csv = file instanceof File ? await file.text() : String(file ?? "");
    const db = await getDb();
    const actorId = await currentUserId();
    const students = await importRosterAs(db, actorId, cohortId, { csv });
    const me = actorId ? await db.user.findUnique({ where: { id: actorId }, select: { locale: true } }) : null;
    revalidatePath(`/instructor/cohorts/${cohortId}`);
    return {
      created: students.filter((s) => s.status === "new").length,
      enrolled: students.filter((s) => s.status !== "already-member").length,
      csv: rosterLinksCsv(students, await browserOrigin(), me?.locale ?? "en", new Date(Date.now() + SET_PASSWORD_LINK_TTL_MS)),
    };
  });
}
