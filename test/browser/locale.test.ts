import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_START_TIMEOUT_MS, launchBrowser, newAccount, openPage, screenshot, signIn, signUp, startApp, type RunningApp } from "./support";

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

  it("the sign-up form starts in the browser's language, and the account keeps it", async () => {
    const { page, context } = await openPage(browser, app.url, { locale: "ja-JP" });
    await page.goto("/signup");
    expect(await page.locator('select[name="locale"]').inputValue()).toBe("ja");
    await signUp(page, undefined, "ja");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ja");
    await context.close();
  });

  it("the ja/en switch changes the topic introduction and the statement, and is remembered on the account", async () => {
    const account = newAccount("switch");
    const { page, context, externalRequests } = await openPage(browser, app.url, { locale: "en-US" });
    await signUp(page, account, "en");
    await page.goto("/topics/softmax");
    const intro = page.locator(".topic-intro");
    await expect.poll(() => intro.innerText()).toMatch(/Softmax turns scores into probabilities/);
    expect(await intro.locator(".katex").count()).toBeGreaterThan(0);

    // Switch with the keyboard: the button is reachable and pressed with Enter.
    const ja = page.getByRole("button", { name: "日本語" });
    await ja.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ja");
    await expect.poll(() => intro.innerText()).toMatch(/ソフトマックスはスコアを確率に変換します/);
    expect(await ja.getAttribute("aria-pressed")).toBe("true");
    await screenshot(page, "locale-topic-ja");

    // The exercise statement follows the account's language too.
    await page.goto("/exercises/softmax");
    const statement = page.locator("[data-statement]");
    await expect.poll(() => statement.innerText(), { timeout: 30_000 }).toMatch(/ソフトマックス/);
    expect(await statement.innerText()).not.toMatch(/turns a vector of real scores/);
    expect(await statement.locator(".katex").count()).toBeGreaterThan(0);

    // Remembered per user: a new browser (English) signing in gets Japanese.
    const other = await openPage(browser, app.url, { locale: "en-US" });
    await signIn(other.page, account, "/topics/softmax");
    await expect.poll(() => other.page.locator(".topic-intro").innerText()).toMatch(/ソフトマックスはスコアを確率に変換します/);
    await other.page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => other.page.locator(".topic-intro").innerText()).toMatch(/Softmax turns scores into probabilities/);
    expect(await other.page.locator("html").getAttribute("lang")).toBe("en");
    expect([...externalRequests, ...other.externalRequests]).toEqual([]);
    await other.context.close();
    await context.close();
  });
});
