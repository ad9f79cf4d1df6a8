"use server";

import type { ActionResult } from "../_server/action-result";
import { toActionResult } from "../_server/action-result";
import { getDb } from "../_server/db";
import { signUpPerPolicy } from "../_server/signup-policy";

/** Creates the account; the form then signs in with the same credentials. */
export async function signUpAction(_previous: ActionResult<{ email: string }> | undefined, form: FormData): Promise<ActionResult<{ email: string }>> {
  return toActionResult(async () => {
    const user = await signUpPerPolicy(await getDb(), {
      email: form.get("email") ?? undefined,
      displayName: form.get("displayName") ?? undefined,
      password: form.get("password") ?? undefined,
      locale: form.get("locale") ?? undefined,
      code: form.get("code") ?? undefined,
    });
    return { email: user.email };
  });
}
