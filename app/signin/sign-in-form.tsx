"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Locale } from "../../graders/text";
import { Field } from "../_components/field";

const L = {
  email: { en: "Email", ja: "メールアドレス" },
  password: { en: "Password", ja: "パスワード" },
  submit: { en: "Sign in", ja: "サインイン" },
  busy: { en: "Signing in…", ja: "サインイン中…" },
  wrong: {
    en: "The email or the password is wrong. Check both and try again.",
    ja: "メールアドレスかパスワードが違います。両方を確かめて、もう一度お試しください。",
  },
  offline: { en: "Could not reach the server. Check your connection and try again.", ja: "サーバーに接続できませんでした。接続を確かめて、もう一度お試しください。" },
  noAccount: { en: "No account yet?", ja: "アカウントをお持ちでない方は" },
  signUp: { en: "Sign up", ja: "新規登録" },
  forgot: { en: "Forgot password?", ja: "パスワードを忘れた場合" },
};

function rateLimited(seconds: number, locale: Locale): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return locale === "ja"
    ? `サインインの失敗が多すぎます。${minutes} 分待ってからもう一度お試しください。`
    : `Too many failed sign-ins. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
}

/** Coming from a join link, sign-up carries its code (an invite-only server asks for it). */
function signUpHref(callbackUrl: string): string {
  const code = /^\/join\/([A-Za-z0-9]{1,40})$/.exec(callbackUrl)?.[1];
  return code ? `/signup?code=${code}` : "/signup";
}

export function SignInForm({ locale, callbackUrl }: { locale: Locale; callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl,
      });
      if (result?.ok && !result.error) {
        router.push(callbackUrl);
        router.refresh();
        return;
      }
      const code = result?.error ?? "";
      setError(code.startsWith("RateLimited:") ? rateLimited(Number(code.split(":")[1]), locale) : L.wrong[locale]);
    } catch {
      setError(L.offline[locale]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <Field name="email" type="email" autoComplete="email" label={L.email[locale]} locale={locale} />
      <Field name="password" type="password" autoComplete="current-password" label={L.password[locale]} locale={locale} />
      <button type="submit" disabled={busy}>
        {busy ? L.busy[locale] : L.submit[locale]}
      </button>
      <p className="muted">
        <Link href="/forgot-password">{L.forgot[locale]}</Link>
      </p>
      <p className="muted">
        {L.noAccount[locale]} <Link href={signUpHref(callbackUrl)}>{L.signUp[locale]}</Link>
      </p>
    </form>
  );
}
