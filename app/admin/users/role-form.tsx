"use client";

import { useActionState } from "react";
import type { Locale } from "../../../graders/text";
import type { ActionResult } from "../../_server/action-result";
import { setRoleAction } from "./actions";

const L = {
  promote: { en: "Make instructor", ja: "インストラクターにする" },
  demote: { en: "Make student", ja: "学生に戻す" },
  done: { en: "Saved.", ja: "保存しました。" },
};

export function RoleForm({ userId, role, locale }: { userId: string; role: string; locale: Locale }) {
  const [state, action, pending] = useActionState<ActionResult<{ email: string; role: string }> | undefined, FormData>(setRoleAction, undefined);
  if (role === "ADMIN") return null;
  const next = role === "STUDENT" ? "INSTRUCTOR" : "STUDENT";
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={next} />
      <button type="submit" className={next === "STUDENT" ? "secondary" : undefined} disabled={pending}>
        {next === "INSTRUCTOR" ? L.promote[locale] : L.demote[locale]}
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
