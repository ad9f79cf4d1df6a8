import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_START_TIMEOUT_MS, launchBrowser, openPage, PHONE, screenshot, signIn, signUp, startApp, CORRECT_SOFTMAX, editorReady, setCode, type RunningApp, type TestContext } from "./support";

/**
 * The learner's exercise page in a real browser against the production build: Monaco served by the app, the
 * instant Run in a Web Worker, Submit graded in the server's sandbox, feedback, drafts, the catalog afterwards.
 */
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp("exercise");
  browser = await launchBrowser();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const NAIVE = `export function softmax(z: number[]): number[] {
  const e = z.map((x) => Math.exp(x));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
`;
const UNNORMALIZED = `export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  return z.map((zi) => Math.exp(zi - m));
}
`;
const SYNTAX_ERROR = `export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  return z.map((x) => );
}
`;

async function openLearner(options: { viewport?: { width: number; height: number } } = {}): Promise<TestContext> {
  const ctx = await openPage(browser, app.url, options);
  await ctx.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  return ctx;
}

async function verdictOf(page: Page, source: "run" | "submit"): Promise<string | null> {
  const panel = page.locator(`[data-source="${source}"]`);
  await panel.waitFor({ timeout: 90_000 });
  return panel.getAttribute("data-verdict");
}

describe("the exercise page", () => {
  it("a signed-out visitor is sent to sign in and comes back to the exercise", async () => {
    const first = await openLearner();
    const account = await signUp(first.page);
    await first.context.close();

    const { page, context, externalRequests } = await openLearner();
    await page.goto("/exercises/softmax");
    await page.waitForURL((url) => url.pathname === "/signin" && url.searchParams.get("callbackUrl") === "/exercises/softmax");
    await signIn(page, account, "/exercises/softmax");
    await page.getByRole("heading", { level: 1, name: "Softmax" }).waitFor();
    expect(externalRequests).toEqual([]);
    await context.close();
  });

  it("sign up, open softmax, Run a correct solution (visible cases pass), Submit it (graded, passed), and see the catalog updated", async () => {
    const { page, context, externalRequests, pageErrors } = await openLearner();
    await signUp(page);
    await page.goto("/catalog");
    const row = page.locator('[data-exercise="softmax"]');
    await expect.poll(() => row.locator("[data-status]").getAttribute("data-status")).toBe("not-started");

    await page.goto("/exercises/softmax");
    await expect.poll(() => page.locator("[data-statement] .katex").count()).toBeGreaterThan(0);
    await editorReady(page);
    await setCode(page, CORRECT_SOFTMAX);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    expect(await verdictOf(page, "run")).toBe("passed");
    const runCases = page.locator('[data-source="run"] [data-case]');
    expect(await runCases.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-source="run"] [data-case][data-status="passed"]').count()).toBe(await runCases.count());
    await screenshot(page, "exercise-softmax-run-passed");

    const scrollBefore = await page.evaluate(() => window.scrollY);
    await page.getByRole("button", { name: "Submit", exact: true }).click();
    expect(await verdictOf(page, "submit")).toBe("passed");
    await expect.poll(() => page.locator('[data-source="submit"] [data-case][data-status="passed"]').count()).toBeGreaterThan(await runCases.count());
    await page.locator("[data-history] tbody tr").first().waitFor();
    expect(await page.locator("[data-history] tbody tr").first().innerText()).toContain("100%");
    // The page keeps up without a reload: best score, the unlocked reference, the next exercise; no scroll jump.
    await expect.poll(() => page.locator("[data-progress]").innerText()).toContain("100%");
    await page.locator('[data-reference="unlocked"]').waitFor();
    const next = page.locator("[data-next] a");
    expect(await next.getAttribute("href")).toMatch(/^\/exercises\/(?!softmax$)[\w-]+$/);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrollBefore)).toBeLessThanOrEqual(2);
    await screenshot(page, "exercise-softmax-submit-passed");

    // A submission's code opens right under its own row of the history.
    await page.locator("[data-history] tbody tr[data-submission]").first().getByRole("button", { name: "View code" }).click();
    const opened = page.locator("[data-history] tbody tr[data-submission] + tr[data-code-of]");
    await opened.waitFor();
    expect(await opened.innerText()).toContain("Math.max(...z)");
    await screenshot(page, "exercise-history-inline-code");

    // The catalog, reached through the app's own link (its client cache), shows the solve.
    await page.getByRole("link", { name: /catalog/i }).first().click();
    await page.waitForURL((url) => url.pathname === "/catalog");
    await expect.poll(() => page.locator('[data-exercise="softmax"] [data-status]').getAttribute("data-status")).toBe("solved");
    await screenshot(page, "exercise-catalog-after-solve");
    expect(externalRequests).toEqual([]);
    expect(pageErrors.filter((e) => !/_rsc|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });

  it("a naive softmax fails on the hidden large-logits class with the overflow hint", async () => {
    const { page, context } = await openLearner();
    await signUp(page);
    await page.goto("/exercises/softmax");
    await editorReady(page);
    await setCode(page, NAIVE);
    // The keyboard shortcut submits from inside the editor.
    await page.keyboard.press("ControlOrMeta+Shift+Enter");
    expect(await verdictOf(page, "submit")).toBe("failed");
    const hidden = page.locator('[data-source="submit"] [data-case="large logits"][data-status="failed"]', { hasText: "hidden" });
    await hidden.first().waitFor();
    // The case names what happened; the advice is printed once per verdict (the first case that needs it).
    expect(await hidden.first().innerText()).toContain("overflows to Infinity");
    expect(await page.locator('[data-source="submit"]').first().innerText()).toContain("subtract max(z) first");
    // Announced to screen readers in one sentence.
    await expect.poll(() => page.locator("[data-announce]").innerText()).toMatch(/^Submitted: failed · Score \d+%/);
    await screenshot(page, "exercise-softmax-naive-overflow");
    // The dashboard says how far the learner got, and greets them as returning.
    await page.goto("/");
    await expect.poll(() => page.locator("td.result").first().innerText()).toMatch(/^failed, best \d+%$/);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toMatch(/^Welcome back, /);
    await context.close();
  });

  it("Run names the exercise's own diagnosis, as Submit does (the diagnosis bundle runs in the Run worker)", async () => {
    const { page, context } = await openLearner();
    await signUp(page);
    await page.goto("/exercises/softmax");
    await editorReady(page);
    // Shifted but never normalised: only softmax's own diagnosis says that the outputs do not sum to 1.
    await setCode(page, UNNORMALIZED);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    expect(await verdictOf(page, "run")).toBe("failed");
    const run = await page.locator('[data-source="run"]').first().innerText();
    expect(run).toContain("not 1");
    await context.close();
  });

  it("a syntax error shows its line, and the draft survives a reload", async () => {
    const { page, context } = await openLearner();
    await signUp(page);
    await page.goto("/exercises/softmax");
    await editorReady(page);
    await setCode(page, SYNTAX_ERROR);
    await page.keyboard.press("ControlOrMeta+Enter");
    expect(await verdictOf(page, "run")).toBe("failed");
    const compileError = page.locator("[data-compile-error]");
    await compileError.waitFor();
    expect(await compileError.innerText()).toMatch(/line 3/);
    await page.getByRole("button", { name: /Go to line 3/ }).waitFor();
    await screenshot(page, "exercise-syntax-error");

    await page.locator('[data-draft="saved"]').waitFor();
    await page.reload();
    await editorReady(page);
    await expect.poll(() => page.locator(".monaco-editor .view-lines").innerText().then((t) => t.replace(/\u00a0/g, " "))).toContain("return z.map((x) => );");
    await context.close();
  });

  it("keeps every key typed before the app's scripts run and while Monaco takes over", async () => {
    const { page, context } = await openLearner();
    await signUp(page);
    // The app's scripts and the editor are held back until keys were typed into the server-rendered box
    // (stylesheets are not: they block the first paint in any case).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/(_next\/static\/chunks\/[^?]*\.js|vs\/)/, async (route) => {
      await gate;
      await route.continue();
    });
    await page.goto("/exercises/softmax", { waitUntil: "commit" });
    const box = page.locator("#code-fallback");
    await box.waitFor({ state: "visible" });
    const initial = await box.inputValue();
    expect(initial).toContain("export function softmax");
    await box.focus();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("// typed before hydration\n");
    expect(await page.locator('[data-hydrated="true"]').count()).toBe(0);
    release();
    // Keys keep coming while React hydrates and Monaco replaces the box.
    let typed = "";
    const until = Date.now() + 90_000;
    for (let i = 0; (await page.locator('[data-editor-ready="true"]').count()) === 0 && Date.now() < until; i++) {
      await page.keyboard.type(`k${i};`);
      typed += `k${i};`;
    }
    await page.keyboard.type("// after");
    await editorReady(page);
    const expected = `${initial}// typed before hydration\n${typed}// after`;
    const inMonaco = () =>
      page.evaluate(() => (globalThis as unknown as { monaco: { editor: { getModels(): { uri: { path: string }; getValue(): string }[] } } }).monaco.editor.getModels().find((m) => m.uri.path === "/solution.ts")?.getValue());
    await expect.poll(inMonaco).toBe(expected);
    expect(typed.length).toBeGreaterThan(0);
    await context.close();
  });

  it("reads well on a phone: statement, editor and feedback at 390 px", async () => {
    const { page, context } = await openLearner({ viewport: PHONE });
    await signUp(page);
    await page.goto("/exercises/softmax");
    await editorReady(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    expect(await verdictOf(page, "run")).toBe("failed");
    await screenshot(page, "exercise-phone");
    await context.close();
  });
});
