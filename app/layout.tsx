import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "./_components/sign-out-button";
import { hasRole } from "./_server/authz";
import { uiLocale } from "./_server/locale";
import { currentUser } from "./_server/session";
import "katex/dist/katex.min.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "ml-dojo",
  description: "Auto-graded exercises and quizzes for the mathematics of machine learning",
};

const L = {
  skip: { en: "Skip to content", ja: "本文へ移動" },
  signIn: { en: "Sign in", ja: "サインイン" },
  signUp: { en: "Sign up", ja: "新規登録" },
  signOut: { en: "Sign out", ja: "サインアウト" },
  users: { en: "Users", ja: "ユーザー管理" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const locale = await uiLocale(user);
  return (
    <html lang={locale}>
      <body>
        <a className="skip" href="#main">
          {L.skip[locale]}
        </a>
        <header className="site">
          <Link href="/" className="brand">
            ml-dojo
          </Link>
          <nav aria-label="Account">
            {user ? (
              <>
                {hasRole(user, "ADMIN") && <Link href="/admin/users">{L.users[locale]}</Link>}
                <span className="who">
                  {user.displayName} · {user.role.toLowerCase()}
                </span>
                <SignOutButton label={L.signOut[locale]} />
              </>
            ) : (
              <>
                <Link href="/signin">{L.signIn[locale]}</Link>
                <Link href="/signup" className="button">
                  {L.signUp[locale]}
                </Link>
              </>
            )}
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
