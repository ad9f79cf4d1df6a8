"use server";

import { toActionResult, type ActionResult } from "../_server/action-result";
import { getDb } from "../_server/db";
import { usePasswordLink } from "../_server/password-tokens";

/** Sets the password through a one-time link; the form then signs in with it. */
export async function setPasswordAction(_previous: ActionResult<{ email: string }> | undefined, form: FormData): Promise<ActionResult<{ email: string }>> {
  return toActionResult(async () => usePasswordLink(await getDb(), { secret: form.get("secret") ?? undefined, password: form.get("password") ?? undefined }));
}
