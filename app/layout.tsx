import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LocaleSwitch } from "./_components/nav/locale-switch";
import { SiteNav, type NavLink } from "./_components/nav/site-nav";
import { SignOutButton } from "./_components/sign-out-button";
import { THEME_BOOT_SCRIPT } from "./_components/theme/theme";
import { ThemeSwitch } from "./_components/theme/theme-switch";
import { hasRole } from "./_server/authz";
import { uiLocale } from "./_server/locale";
import { currentUser } from "./_server/session";
import "katex/dist/katex.min.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "ml-dojo",
  description: "Auto-graded exercises and quizzes for the mathematics of machine learning",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

const L = {
  skip: { en: "Skip to content", ja: "本文へ移動" },
  signIn: { en: "Sign in", ja: "サインイン" },
  signUp: { en: "Sign up", ja: "新規登録" },
  signOut: { en: "Sign out", ja: "サインアウト" },
  users: { en: "Users", ja: "ユーザー管理" },
  dashboard: { en: "Dashboard", ja: "ダッシュボード" },
  catalog: { en: "Catalog", ja: "演習一覧" },
  cohorts: { en: "Cohorts", ja: "クラス" },
  join: { en: "Join a cohort", ja: "クラスに参加" },
  nav: { en: "Main", ja: "メイン" },
  account: { en: "Account", ja: "アカウント" },
  theme: {
    en: { title: "Colour theme", system: "◐ Auto", light: "☀ Light", dark: "☾ Dark" },
    ja: { title: "配色", system: "◐ 自動", light: "☀ ライト", dark: "☾ ダーク" },
  },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const locale = await uiLocale(user);
  const links: NavLink[] = user
    ? [
        { href: "/", label: L.dashboard[locale] },
        { href: "/catalog", label: L.catalog[locale] },
        ...(hasRole(user, "INSTRUCTOR") ? [{ href: "/instructor", label: L.cohorts[locale] }] : []),
        { href: "/join", label: L.join[locale] },
        ...(hasRole(user, "ADMIN") ? [{ href: "/admin/users", label: L.users[locale] }] : []),
      ]
    : [{ href: "/catalog", label: L.catalog[locale] }];
  return (
    // data-theme is set by the boot script before React runs, so the server's <html> legitimately differs.
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>
        <a className="skip" href="#main">
          {L.skip[locale]}
        </a>
        <header className="site">
          <Link href="/" className="brand">
            ml-dojo
          </Link>
          <SiteNav links={links} label={L.nav[locale]} />
          <div className="account" aria-label={L.account[locale]} role="group">
            <ThemeSwitch labels={L.theme[locale]} />
            {user ? (
              <>
                <LocaleSwitch locale={locale} />
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
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
