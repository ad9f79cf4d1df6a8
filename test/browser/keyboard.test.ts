import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_START_TIMEOUT_MS, launchBrowser, newAccount, openPage, screenshot, signUp, startApp, type RunningApp } from "./support";

/**
 * A learner who uses only the keyboard: sign in, open an exercise, type, Run, Submit, hear the verdict, answer a quiz
 * item. Every element Tab reaches shows where the focus is.
 */
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp("keyboard");
  browser = await launchBrowser();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Whether the focused element is visibly marked: an outline or a ring, or Monaco's own focused state. */
async function focusIsVisible(page: Page): Promise<{ visible: boolean; what: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { visible: false, what: "body" };
    const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : ""} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
    if (el.closest(".monaco-editor.focused")) return { visible: true, what };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow !== "none" && style.boxShadow !== "";
    return { visible: outline || ring, what };
  });
}

/** Presses Tab until the focused element matches `selector`, checking visible focus at every stop. */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const focus = await focusIsVisible(page);
    expect(focus.visible, `focus not visible on ${focus.what}`).toBe(true);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe("keyboard only", () => {
  it("sign in, open an exercise, type, Run, Submit, read the verdict, answer a quiz item", async () => {
    const first = await openPage(browser, app.url);
    const account = await signUp(first.page, newAccount("keys"));
    await first.context.close();

    const { page, context } = await openPage(browser, app.url);
    await page.goto("/signin");
    await tabTo(page, 'input[name="email"]');
    await page.keyboard.type(account.email);
    await tabTo(page, 'input[name="password"]');
    await page.keyboard.type(account.password);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/");

    // The dashboard's "Next up" leads to an exercise.
    await tabTo(page, 'main a[href^="/exercises/"]');
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname.startsWith("/exercises/"));
    await page.locator('[data-hydrated="true"]').waitFor({ state: "attached" });

    // Into the editor (the plain box or Monaco, whichever is there), type, then Run and Submit by their shortcuts.
    await tabTo(page, '#code-fallback, .monaco-editor textarea');
    await page.keyboard.type("// written with the keyboard only\n");
    await page.keyboard.press("ControlOrMeta+Enter");
    await page.locator('[data-source="run"]').waitFor({ timeout: 90_000 });
    await page.keyboard.press("ControlOrMeta+Shift+Enter");
    await page.locator('[data-source="submit"]').waitFor({ timeout: 90_000 });
    // The verdict is announced: a live region that was on the page before the verdict now says it.
    await expect.poll(() => page.locator("[data-announce]").innerText()).toMatch(/Submitted: (passed|failed|error)/);
    expect(await page.locator("[data-announce]").getAttribute("role")).toBe("status");
    // The feedback is reachable: Tab leaves Monaco only with Ctrl+M (its documented tab-trapping toggle) or the box.
    await screenshot(page, "keyboard-exercise-feedback");

    // A quiz item: choose the first option with the keyboard and check it.
    const topic = await page.locator('a[href^="/topics/"]').first().getAttribute("href").catch(() => null);
    await page.goto(`${topic && /^\/topics\/[\w-]+$/.test(topic) ? topic : "/topics/softmax"}/quiz`);
    const item = page.locator("[data-quiz-item]").first();
    await tabTo(page, "[data-quiz-item] input");
    const type = await page.evaluate(() => (document.activeElement as HTMLInputElement).type);
    if (type === "text") await page.keyboard.type("1");
    else await page.keyboard.press("Space");
    await tabTo(page, '[data-quiz-item] button[type="submit"]');
    await page.keyboard.press("Enter");
    await expect.poll(() => item.locator(".quiz-feedback").innerText(), { timeout: 30_000 }).not.toBe("");
    await screenshot(page, "keyboard-quiz-answered");
    await context.close();
  });
});
