"use client";

import { useActionState } from "react";
import type { Locale } from "../../../graders/text";
import type { ActionResult } from "../../_server/action-result";
import { signOutEverywhereAction } from "./actions";

const L = {
  button: { en: "Sign out everywhere", ja: "全端末でサインアウト" },
  done: { en: "Signed out on every device.", ja: "すべての端末でサインアウトしました。" },
};

export function SignOutEverywhereForm({ userId, locale }: { userId: string; locale: Locale }) {
  const [state, action, pending] = useActionState<ActionResult<null> | undefined, FormData>(signOutEverywhereAction, undefined);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className="secondary" disabled={pending}>
        {L.button[locale]}
      </button>
      {state && !state.ok && (
        <span className="field-error" role="alert">
          {state.error[locale]}
        </span>
      )}
      {state?.ok && (
        <span className="hint" role="status">
          {L.done[locale]}
        </span>
      )}
    </form>
  );
}
