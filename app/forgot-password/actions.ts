"use server";

import { toActionResult, type ActionResult } from "../_server/action-result";
import { getDb } from "../_server/db";
import { requestPasswordReset } from "../_server/forgot-password";
import { configuredMailer } from "../_server/mailer";

/** Always the same answer when the email is well-formed; the mail is sent without being waited for. */
export async function forgotPasswordAction(_previous: ActionResult<null> | undefined, form: FormData): Promise<ActionResult<null>> {
  return toActionResult(async () => {
    const mailer = configuredMailer();
    if (!mailer) return null;
    await requestPasswordReset(await getDb(), mailer, { email: form.get("email") ?? undefined }, process.env.NEXTAUTH_URL ?? "http://localhost:3000");
    return null;
  });
}
