import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";

export interface Account {
  email: string;
  password: string;
  displayName: string;
}

const SIGN_OUT = /^(Sign out|サインアウト)$/;

/** A new, unique learner account. */
export function newAccount(prefix = "learner"): Account {
  const id = randomBytes(4).toString("hex");
  return { email: `${prefix}-${id}@example.test`, password: `pw-${randomBytes(8).toString("hex")}`, displayName: `${prefix} ${id}` };
}

/** Resolves once the header shows a signed-in user (the sign-out button), after any client-side redirect. */
export async function waitSignedIn(page: Page): Promise<void> {
  await page.getByRole("button", { name: SIGN_OUT }).waitFor({ state: "visible" });
}

/** Signs up through /signup (which signs in and lands on the dashboard). */
export async function signUp(page: Page, account: Account = newAccount(), locale: "en" | "ja" = "en"): Promise<Account> {
  await page.goto("/signup");
  await page.locator('input[name="email"]').fill(account.email);
  await page.locator('input[name="displayName"]').fill(account.displayName);
  await page.locator('input[name="password"]').fill(account.password);
  await page.locator('select[name="locale"]').selectOption(locale);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === "/");
  await waitSignedIn(page);
  return account;
}

/** Signs in through /signin; with `callbackUrl` the app should land there afterwards. */
export async function signIn(page: Page, account: Pick<Account, "email" | "password">, callbackUrl?: string): Promise<void> {
  await page.goto(callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin");
  await page.locator('input[name="email"]').fill(account.email);
  await page.locator('input[name="password"]').fill(account.password);
  await page.locator('form button[type="submit"]').click();
  const target = callbackUrl ?? "/";
  await page.waitForURL((url) => url.pathname + url.search === target || url.pathname === target);
  await waitSignedIn(page);
}
