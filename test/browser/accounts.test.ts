import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_START_TIMEOUT_MS, editorReady, launchBrowser, newAccount, openPage, screenshot, signIn, signUp, startApp, waitSignedIn, type RunningApp, type TestContext } from "./support";

/**
 * Issue 12 end to end, on an app started the way a classroom starts it: listening on a non-localhost address
 * (127.0.0.2) with NEXTAUTH_URL unset. Sign-out stays on that address; an instructor imports a roster and a
 * student signs in through the set-password link; a reset link sets a new password and ends the old session;
 * and no page reports a Content-Security-Policy violation (Monaco and its workers, KaTeX, Next).
 */
let app: RunningApp;
let browser: Browser;
const contexts: TestContext[] = [];

beforeAll(async () => {
  app = await startApp("accounts", { host: "127.0.0.2", publicUrl: null });
  browser = await launchBrowser();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function open(): Promise<TestContext> {
  const ctx = await openPage(browser, app.url);
  contexts.push(ctx);
  return ctx;
}

async function signedOut(page: Page): Promise<void> {
  await page.getByRole("link", { name: /^(Sign in|サインイン)$/ }).first().waitFor();
}

describe("accounts on a classroom address (127.0.0.2, NEXTAUTH_URL unset)", () => {
  it("npm start warned that NEXTAUTH_URL is unset and printed the public URL it uses", () => {
    expect(app.log()).toMatch(/public URL http:\/\/localhost:\d+ \(NEXTAUTH_URL unset\)/);
    expect(app.log()).not.toMatch(/NEXTAUTH_URL is unset and the server listens/); // 127.0.0.2 is loopback
  });

  it("signs out and stays on the address the student used", async () => {
    const { page } = await open();
    await signUp(page);
    await page.getByRole("button", { name: /^(Sign out|サインアウト)$/ }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(new URL(page.url()).host).toBe(new URL(app.url).host);
    await signedOut(page);
  });

  it("roster import, then a student signs in through the set-password link; a reset link ends the old session", async () => {
    const demo = app.demoAccounts.find((a) => a.role === "INSTRUCTOR")!;
    const teacher = await open();
    const t = teacher.page;
    await signIn(t, demo, "/instructor");
    await t.locator('[data-testid="create-cohort-form"] input[name="name"]').fill(`Roster ${Date.now()}`);
    await t.locator('[data-testid="create-cohort-form"] button[type="submit"]').click();
    await t.waitForURL((url) => /^\/instructor\/cohorts\/[^/]+$/.test(url.pathname));

    const student = newAccount("roster");
    const csv = `\uFEFFemail,name\r\n${student.email},"山田, 花子"\r\n`;
    const form = t.locator('[data-testid="roster-import"]');
    await form.locator('input[type="file"]').setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await form.locator('button[type="submit"]').click();
    const download = t.locator('[data-testid="roster-links"]');
    await download.waitFor();
    const [saved] = await Promise.all([t.waitForEvent("download"), download.click()]);
    const file = readFileSync((await saved.path())!, "utf8");
    const rows = parse(file, { bom: true }) as string[][];
    expect(rows[1]!.slice(0, 2)).toEqual([student.email, "山田, 花子"]);
    const link = rows[1]![2]!;
    expect(new URL(link).host).toBe(new URL(app.url).host);
    await screenshot(t, "accounts-roster");

    // The student opens the link, chooses a password, and is signed in.
    const first = await open();
    await first.page.goto(link);
    await first.page.locator('input[name="password"]').fill(student.password);
    await first.page.locator('form button[type="submit"]').click();
    await first.page.waitForURL((url) => url.pathname === "/");
    await waitSignedIn(first.page);
    // The link worked once.
    const again = await open();
    await again.page.goto(link);
    await again.page.getByRole("alert").filter({ hasText: /expired or was already used/ }).waitFor();

    // They forget it; the instructor makes a reset link from the roster.
    await t.reload();
    const row = t.locator('[data-testid="roster"] tbody tr', { hasText: student.email });
    await row.locator('[data-testid="reset-link-form"] button[type="submit"]').click();
    const message = await row.getByText(/Reset link for/).innerText();
    const reset = /(http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+)/.exec(message)![1]!;
    expect(new URL(reset).host).toBe(new URL(app.url).host);

    const second = await open();
    await second.page.goto(reset);
    await second.page.locator('input[name="password"]').fill("a completely new passphrase");
    await second.page.locator('form button[type="submit"]').click();
    await second.page.waitForURL((url) => url.pathname === "/");
    await waitSignedIn(second.page);
    // The session from before the reset is over.
    await first.page.reload();
    await signedOut(first.page);
    // And the new password is the one that works.
    const third = await open();
    await signIn(third.page, { email: student.email, password: "a completely new passphrase" });
  });

  it("no page reports a Content-Security-Policy violation (Next, KaTeX, Monaco and its workers, the Run worker)", async () => {
    const ctx = await open();
    const { page } = ctx;
    await signUp(page);
    for (const path of ["/", "/catalog", "/topics", "/topics/softmax", "/topics/softmax/quiz", "/join", "/instructor", "/signin", "/signup", "/forgot-password"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    await page.goto("/exercises/softmax");
    await editorReady(page);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.locator('[data-source="run"]').waitFor({ timeout: 90_000 });
    await page.waitForTimeout(1000); // Monaco starts its TypeScript worker lazily after the first edit/check
    const all = (await Promise.all(contexts.map((c) => c.cspViolations()))).flat();
    expect(all).toEqual([]);
    const headers = (await page.request.get("/")).headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });
});
