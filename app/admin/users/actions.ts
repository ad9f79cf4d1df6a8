"use server";

import { revalidatePath } from "next/cache";
import { setRoleAs, signOutEverywhereAs } from "../../_server/admin";
import { toActionResult, type ActionResult } from "../../_server/action-result";
import { getDb } from "../../_server/db";
import { createResetLinkAs, resetLinkMessage } from "../../_server/password-tokens";
import { browserOrigin } from "../../_server/request-origin";
import { currentUserId } from "../../_server/session";
import type { FormOutcome } from "../../_components/cohorts/action-form";

/** Admins only: the check is inside setRoleAs, so this action cannot be used by a student even if called directly. */
export async function setRoleAction(_previous: ActionResult<{ email: string; role: string }> | undefined, form: FormData): Promise<ActionResult<{ email: string; role: string }>> {
  return toActionResult(async () => {
    const user = await setRoleAs(await getDb(), await currentUserId(), { userId: form.get("userId") ?? undefined, role: form.get("role") ?? undefined });
    revalidatePath("/admin/users");
    return { email: user.email, role: user.role };
  });
}

/** Admins only (checked inside signOutEverywhereAs): ends every session of the user. */
export async function signOutEverywhereAction(_previous: ActionResult<FormOutcome> | undefined, form: FormData): Promise<ActionResult<FormOutcome>> {
  return toActionResult(async () => {
    await signOutEverywhereAs(await getDb(), await currentUserId(), { userId: form.get("userId") ?? undefined });
    return { message: { en: "Signed out on every device.", ja: "すべての端末でサインアウトしました。" } };
  });
}

/** A one-time reset link for any account (admins only, checked inside createResetLinkAs). */
export async function createResetLinkAction(_previous: ActionResult<FormOutcome> | undefined, form: FormData): Promise<ActionResult<FormOutcome>> {
  return toActionResult(async () => {
    const link = await createResetLinkAs(await getDb(), await currentUserId(), { userId: form.get("userId") ?? undefined });
    return { message: resetLinkMessage(link, await browserOrigin()) };
  });
}
