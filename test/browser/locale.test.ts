import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_START_TIMEOUT_MS, launchBrowser, openPage, screenshot, signUp, startApp, type RunningApp } from "./support";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp("locale");
  browser = await launchBrowser();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("language", () => {
  it("a signed-out visitor gets the browser's language, with nothing fetched from elsewhere", async () => {
    const ja = await openPage(browser, app.url, { locale: "ja-JP" });
    await ja.page.goto("/");
    await expect.poll(() => ja.page.locator("html").getAttribute("lang")).toBe("ja");
    await ja.page.getByRole("link", { name: "新規登録" }).first().waitFor();
    await screenshot(ja.page, "locale-home-ja");
    expect(ja.externalRequests).toEqual([]);
    await ja.context.close();

    const en = await openPage(browser, app.url, { locale: "en-US" });
    await en.page.goto("/");
    await expect.poll(() => en.page.locator("html").getAttribute("lang")).toBe("en");
    await en.page.getByRole("link", { name: "Sign up" }).first().waitFor();
    expect(en.externalRequests).toEqual([]);
    await en.context.close();
  });

  it("a learner who signs up in Japanese reads the site in Japanese", async () => {
    const { page, context } = await openPage(browser, app.url, { locale: "en-US" });
    await signUp(page, undefined, "ja");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ja");
    await context.close();
  });
});
