"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { Locale } from "../../graders/text";
import { Field } from "../_components/field";
import type { ActionResult } from "../_server/action-result";
import { signUpAction } from "./actions";

const L = {
  email: { en: "Email", ja: "メールアドレス" },
  displayName: { en: "Name shown to others", ja: "表示名" },
  password: { en: "Password", ja: "パスワード" },
  passwordHint: { en: "At least 10 characters.", ja: "10 文字以上。" },
  language: { en: "Language", ja: "表示言語" },
  code: { en: "Join code from your instructor", ja: "先生から受け取った参加コード" },
  submit: { en: "Create account", ja: "アカウントを作成" },
  busy: { en: "Creating…", ja: "作成中…" },
  have: { en: "Already have an account?", ja: "アカウントをお持ちの方は" },
  signIn: { en: "Sign in", ja: "サインイン" },
};

export function SignUpForm({ locale, needsCode = false, code = "" }: { locale: Locale; needsCode?: boolean; code?: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<ActionResult<{ email: string }> | undefined, FormData>(signUpAction, undefined);
  const password = useRef("");

  // Submitted by hand rather than through <form action>: React resets a form after its action, which would
  // wipe what the learner typed when a field needs fixing, and the password needed to sign in afterwards.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    password.current = String(data.get("password") ?? "");
    startTransition(() => action(data));
  }

  useEffect(() => {
    if (!state?.ok) return;
    void signIn("credentials", { redirect: false, email: state.data.email, password: password.current }).then(() => {
      router.push("/");
      router.refresh();
    });
  }, [state, router]);

  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      {state && !state.ok && (
        <p className="alert" role="alert">
          {state.error[locale]}
        </p>
      )}
      {needsCode && <Field name="code" defaultValue={code} label={L.code[locale]} locale={locale} error={errors.code} />}
      <Field name="email" type="email" autoComplete="email" label={L.email[locale]} locale={locale} error={errors.email} />
      <Field name="displayName" autoComplete="nickname" label={L.displayName[locale]} locale={locale} error={errors.displayName} />
      <Field
        name="password"
        type="password"
        autoComplete="new-password"
        label={L.password[locale]}
        hint={L.passwordHint[locale]}
        locale={locale}
        error={errors.password}
      />
      <label>
        {L.language[locale]}
        <select name="locale" defaultValue={locale}>
          <option value="en">English</option>
          <option value="ja">日本語</option>
        </select>
      </label>
      <button type="submit" disabled={pending || state?.ok}>
        {pending ? L.busy[locale] : L.submit[locale]}
      </button>
      <p className="muted">
        {L.have[locale]} <Link href="/signin">{L.signIn[locale]}</Link>
      </p>
    </form>
  );
}
