"use client";

import { signIn } from "next-auth/react";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { Locale } from "../../graders/text";
import { Field } from "../_components/field";
import type { ActionResult } from "../_server/action-result";
import { setPasswordAction } from "./actions";

const L = {
  password: { en: "New password", ja: "新しいパスワード" },
  hint: { en: "At least 10 characters.", ja: "10 文字以上。" },
  submit: { en: "Set password and sign in", ja: "パスワードを設定してサインイン" },
  busy: { en: "Saving…", ja: "保存中…" },
};

export function SetPasswordForm({ secret, locale }: { secret: string; locale: Locale }) {
  const [state, action, pending] = useActionState<ActionResult<{ email: string }> | undefined, FormData>(setPasswordAction, undefined);
  const password = useRef("");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    password.current = String(data.get("password") ?? "");
    startTransition(() => action(data));
  }

  useEffect(() => {
    if (!state?.ok) return;
    // Relative, so the browser stays on the address it used (a LAN address included).
    void signIn("credentials", { redirect: false, email: state.data.email, password: password.current }).then(() => window.location.assign("/"));
  }, [state]);

  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      {state && !state.ok && (
        <p className="alert" role="alert">
          {state.error[locale]}
        </p>
      )}
      <input type="hidden" name="secret" value={secret} />
      <Field name="password" type="password" autoComplete="new-password" label={L.password[locale]} hint={L.hint[locale]} locale={locale} error={errors.password} />
      <button type="submit" disabled={pending || state?.ok}>
        {pending ? L.busy[locale] : L.submit[locale]}
      </button>
    </form>
  );
}
