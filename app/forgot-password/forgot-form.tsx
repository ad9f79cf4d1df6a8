"use client";

import { useActionState } from "react";
import type { Locale } from "../../graders/text";
import { Field } from "../_components/field";
import type { ActionResult } from "../_server/action-result";
import { forgotPasswordAction } from "./actions";

const L = {
  email: { en: "Email", ja: "メールアドレス" },
  submit: { en: "Send me a link", ja: "リンクを送る" },
  busy: { en: "Sending…", ja: "送信中…" },
  sent: {
    en: "If an account uses this email, a link to set a new password is on its way. It works once, for 24 hours. Check your spam folder too.",
    ja: "このメールアドレスのアカウントがあれば、新しいパスワードを設定するリンクを送りました（1 回だけ、24 時間有効）。迷惑メールフォルダも確認してください。",
  },
};

export function ForgotForm({ locale }: { locale: Locale }) {
  const [state, action, pending] = useActionState<ActionResult<null> | undefined, FormData>(forgotPasswordAction, undefined);
  if (state?.ok) {
    return (
      <p className="hint" role="status">
        {L.sent[locale]}
      </p>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form className="stack" action={action} noValidate>
      <Field name="email" type="email" autoComplete="email" label={L.email[locale]} locale={locale} error={errors.email} />
      <button type="submit" disabled={pending}>
        {pending ? L.busy[locale] : L.submit[locale]}
      </button>
    </form>
  );
}
