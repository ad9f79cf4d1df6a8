import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_START_TIMEOUT_MS, PROJECT_ROOT, horizontalOverflow, launchBrowser, openPage, PHONE, screenshot, seriousA11yViolations, widestElements, signIn, signUp, startApp, type RunningApp } from "./support";

/**
 * Every page, as a visitor, a learner, an instructor and an admin: no serious or critical axe-core violation, and at
 * 390 × 844 nothing scrolls the page sideways (math, tables and code scroll inside their own boxes).
 */
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp("pages");
  browser = await launchBrowser();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Problems = Record<string, unknown>;

/** Visits each path at desktop size (axe) and at phone size (overflow); returns what is wrong, keyed by path. */
async function check(desktop: Page, phone: Page, paths: string[], who: string): Promise<Problems> {
  const problems: Problems = {};
  for (const path of paths) {
    const res = await desktop.goto(path);
    expect(res?.status(), `${who} ${path}`).toBeLessThan(400);
    await desktop.waitForLoadState("networkidle");
    const violations = await seriousA11yViolations(desktop);
    if (violations.length > 0) problems[`${who} ${path} (axe)`] = violations;
    await phone.goto(path);
    await phone.waitForLoadState("networkidle");
    const overflow = await horizontalOverflow(phone);
    if (overflow > 1) problems[`${who} ${path} (390 px)`] = `scrolls ${overflow} px sideways: ${(await widestElements(phone)).join(", ")}`;
  }
  return problems;
}

describe("every page", () => {
  it("as a visitor and as a learner", async () => {
    const d = await openPage(browser, app.url);
    const p = await openPage(browser, app.url, { viewport: PHONE });
    const visitor = await check(d.page, p.page, ["/", "/signin", "/signup", "/forgot-password", "/catalog", "/topics"], "visitor");
    // The home page links each exercise; the browser finds a favicon.
    await d.page.goto("/");
    expect(await d.page.locator('main a[href^="/exercises/"]').count()).toBeGreaterThan(5);
    const icon = await d.page.request.get("/favicon.ico");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/icon/);
    const account = await signUp(d.page);
    // A brand-new account is welcomed, not welcomed back.
    expect(await d.page.getByRole("heading", { level: 1 }).innerText()).toMatch(/^Welcome, /);
    await signIn(p.page, account);
    const learner = await check(
      d.page,
      p.page,
      ["/", "/catalog", "/topics", "/topics/softmax", "/topics/softmax/quiz", "/exercises/softmax", "/exercises/layernorm-backward", "/join"],
      "learner",
    );
    await screenshot(p.page, "phone-header-join");
    expect({ ...visitor, ...learner }).toEqual({});
    await d.context.close();
    await p.context.close();
  });

  it("as an instructor and as an admin", async () => {
    const instructor = app.demoAccounts.find((a) => a.role === "INSTRUCTOR");
    expect(instructor, `demo accounts in ${app.dataDir}`).toBeTruthy();
    // No demo admin exists; an operator makes one with admin:create, as the README says.
    const admin = { email: `admin-${Date.now()}@example.org`, password: "a long admin password 42" };
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/admin-create.ts", "--email", admin.email, "--password", admin.password], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ML_DOJO_DATA_DIR: app.dataDir },
      stdio: "pipe",
    });
    const d = await openPage(browser, app.url);
    const p = await openPage(browser, app.url, { viewport: PHONE });
    // The instructor's browser is in Paris: a new cohort's zone is preselected from it.
    await (await d.context.newCDPSession(d.page)).send("Emulation.setTimezoneOverride", { timezoneId: "Europe/Paris" });
    await d.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signIn(d.page, instructor!, "/instructor");
    await signIn(p.page, instructor!, "/instructor");
    await expect.poll(() => d.page.locator('[data-testid="create-cohort-form"] select[name="timeZone"]').inputValue()).toBe("Europe/Paris");
    await d.page.locator('[data-testid="create-cohort-form"] input[name="name"]').fill(`Pages cohort ${Date.now()}`);
    await d.page.locator('[data-testid="create-cohort-form"] button[type="submit"]').click();
    await d.page.waitForURL((url) => /^\/instructor\/cohorts\/[^/]+$/.test(url.pathname));
    const cohort = new URL(d.page.url()).pathname;
    // Copy link says that it copied, on the button and in a status message.
    await d.page.getByRole("button", { name: "Copy link" }).click();
    await expect.poll(() => d.page.locator("[data-copy-state]").getAttribute("data-copy-state")).toBe("copied");
    expect(await d.page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/join\/[A-Z2-9]{8}$/);
    const teaching = await check(d.page, p.page, ["/instructor", cohort, `${cohort}/gradebook`, `${cohort}/analytics`], "instructor");
    await d.context.close();
    await p.context.close();

    const d2 = await openPage(browser, app.url);
    const p2 = await openPage(browser, app.url, { viewport: PHONE });
    await signIn(d2.page, admin!, "/admin/users");
    await signIn(p2.page, admin!, "/admin/users");
    const admins = await check(d2.page, p2.page, ["/admin/users", "/admin/grading", "/instructor"], "admin");
    expect({ ...teaching, ...admins }).toEqual({});
    await d2.context.close();
    await p2.context.close();
  });
});
