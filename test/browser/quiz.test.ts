import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTopicQuiz } from "../../app/_server/quizzes";
import { APP_START_TIMEOUT_MS, launchBrowser, newAccount, openPage, PHONE, screenshot, signIn, signUp, startApp, type RunningApp } from "./support";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp("quiz");
  browser = await launchBrowser();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const quiz = loadTopicQuiz("softmax");
const single = quiz.find((i) => i.type === "single")!;
const multi = quiz.find((i) => i.type === "multi")!;
const numeric = quiz.find((i) => i.type === "numeric")!;

describe("topic quiz", () => {
  it("a signed-out visitor is sent to sign in and comes back to the quiz", async () => {
    const account = newAccount("quizvisitor");
    const first = await openPage(browser, app.url);
    await signUp(first.page, account);
    await first.context.close();

    const { page, context } = await openPage(browser, app.url);
    await page.goto("/topics/softmax/quiz");
    await page.waitForURL((u) => u.pathname === "/signin" && u.searchParams.get("callbackUrl") === "/topics/softmax/quiz");
    await page.locator('input[name="email"]').fill(account.email);
    await page.locator('input[name="password"]').fill(account.password);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === "/topics/softmax/quiz");
    await page.locator(`[data-quiz-item="${single.id}"]`).waitFor();
    await context.close();
  });

  it("answers one item right and one wrong, shows each explanation, keeps them on a revisit and counts progress", async () => {
    if (single.type !== "single" || multi.type !== "multi" || numeric.type !== "numeric") throw new Error("content changed");
    const { page, context, externalRequests, pageErrors } = await openPage(browser, app.url);
    const account = await signUp(page);
    await page.goto("/topics/softmax/quiz");

    // Right, with the mouse.
    const first = page.locator(`[data-quiz-item="${single.id}"]`);
    await first.locator(`input[value="${single.answer}"]`).check();
    await first.getByRole("button", { name: "Check answer" }).click();
    const firstFeedback = first.locator(".quiz-feedback [data-correct]");
    await expect.poll(() => firstFeedback.getAttribute("data-correct")).toBe("true");
    expect(await firstFeedback.innerText()).toContain("Correct.");
    expect((await first.locator(".explanation").innerText()).length).toBeGreaterThan(20);
    expect(await first.locator(".explanation .katex").count()).toBeGreaterThan(0);

    // Wrong, with the keyboard only: a number typed and Enter.
    const num = page.locator(`[data-quiz-item="${numeric.id}"]`);
    const wrongValue = numeric.answer + 1 + Math.abs(numeric.answer);
    await num.getByLabel("Your answer").focus();
    await page.keyboard.type(String(wrongValue));
    await page.keyboard.press("Enter");
    const numFeedback = num.locator(".quiz-feedback [data-correct]");
    await expect.poll(() => numFeedback.getAttribute("data-correct")).toBe("false");
    expect(await numFeedback.innerText()).toContain("Not quite.");
    // Practice: a wrong answer shows no key; "Show answer" does (and that item then earns no credit).
    expect(await num.locator(".expected-value").count()).toBe(0);
    expect(await num.locator(".explanation").count()).toBe(0);
    await num.getByRole("button", { name: "Show answer" }).click();
    await num.locator(".expected-value").waitFor();
    expect(await num.locator(".expected-value").innerText()).toBe(String(Number(numeric.answer.toPrecision(6))));
    expect((await num.locator(".explanation").innerText()).length).toBeGreaterThan(20);

    // A malformed number is explained and not stored.
    const m = page.locator(`[data-quiz-item="${multi.id}"]`);
    await m.getByRole("button", { name: "Check answer" }).click();
    await m.getByRole("alert").filter({ hasText: "Choose an answer" }).waitFor();

    // The quiz progress meter counts the right answer (server-rendered, refreshed after answering).
    await page.locator("progress").first().waitFor();
    await expect.poll(() => page.locator("main section.card .meter-text").first().innerText()).toMatch(/^1 of \d+ quiz questions right$/);
    await screenshot(page, "quiz-answered-desktop");

    // A revisit shows both attempts with their feedback.
    await page.reload();
    await expect.poll(() => first.locator(".quiz-feedback [data-correct]").getAttribute("data-correct")).toBe("true");
    await expect.poll(() => num.locator(".quiz-feedback [data-correct]").getAttribute("data-correct")).toBe("false");

    // The catalog's topic progress counts the quiz.
    await page.goto("/catalog");
    const topic = page.locator('[data-topic="softmax"]');
    await expect.poll(() => topic.locator(".meter-text").nth(1).innerText()).toMatch(/^1 of \d+ quiz questions right$/);
    expect(externalRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();

    // On a phone-sized screen the quiz reads well: no horizontal scrolling of the page.
    const phone = await openPage(browser, app.url, { viewport: PHONE });
    await signIn(phone.page, account, "/topics/softmax/quiz");
    await phone.page.locator(`[data-quiz-item="${single.id}"] .quiz-feedback [data-correct="true"]`).waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone.page, "quiz-phone");
    await phone.context.close();
  });
});
