import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_START_TIMEOUT_MS, CORRECT_SOFTMAX, editorReady, launchBrowser, openPage, PHONE, screenshot, seriousA11yViolations, setCode, signUp, startApp, type RunningApp } from "./support";

/** Dark mode: follows the system setting, can be switched and is remembered; the site, Monaco and the charts follow. */
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp("theme");
  browser = await launchBrowser();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const background = (page: import("playwright-core").Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe("dark mode", () => {
  it("follows the system, reads well (axe contrast included) in the editor, feedback and charts", async () => {
    const { page, context } = await openPage(browser, app.url);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signUp(page);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/exercises/softmax");
    await editorReady(page);
    expect(await background(page)).toBe("rgb(18, 21, 27)");
    expect(await page.locator(".monaco-editor.vs-dark").count()).toBeGreaterThan(0);
    await setCode(page, CORRECT_SOFTMAX);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.locator('[data-source="run"]').waitFor({ timeout: 90_000 });
    // The charts draw on the card colour, not on white.
    const svgBackgrounds = await page.locator("svg[role=img]").evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
    expect(svgBackgrounds.length).toBeGreaterThan(0);
    expect(svgBackgrounds.every((b) => b === "rgb(27, 31, 39)")).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "dark-exercise-run");
    await page.goto("/");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "dark-dashboard");
    await context.close();

    const phone = await openPage(browser, app.url, { viewport: PHONE });
    await phone.page.emulateMedia({ colorScheme: "dark" });
    await phone.page.goto("/catalog");
    await screenshot(phone.page, "dark-phone-catalog");
    await phone.context.close();
  });

  it("can be switched against the system setting, and the choice is remembered", async () => {
    const { page, context } = await openPage(browser, app.url);
    await signUp(page);
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/exercises/softmax");
    await editorReady(page);
    expect(await background(page)).toBe("rgb(247, 248, 250)");
    const toggle = page.locator("[data-theme-choice]");
    await toggle.click(); // system → light
    await toggle.click(); // light → dark
    expect(await toggle.getAttribute("data-theme-choice")).toBe("dark");
    await expect.poll(() => background(page)).toBe("rgb(18, 21, 27)");
    await expect.poll(() => page.locator(".monaco-editor.vs-dark").count()).toBeGreaterThan(0);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await background(page)).toBe("rgb(18, 21, 27)");
    await editorReady(page);
    expect(await page.locator(".monaco-editor.vs-dark").count()).toBeGreaterThan(0);
    await page.locator("[data-theme-choice]").click(); // dark → system (light here)
    await expect.poll(() => background(page)).toBe("rgb(247, 248, 250)");
    await context.close();
  });
});
