import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localToUtc } from "../../app/_server/time-zone";
import { APP_START_TIMEOUT_MS, launchBrowser, newAccount, openPage, screenshot, signIn, signUp, startApp, type RunningApp } from "./support";

/**
 * Issue 13 (problem sets and extensions) end to end against the production build: the demo instructor creates a
 * problem set of two exercises and the softmax quiz, with points, and gives one of two students an extension. The
 * extended student sees their own due date on the dashboard's upcoming list, on the exercise page and on the quiz
 * page; the other student sees the set's date. The gradebook has one column for the set, with its points.
 */
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp("problem-sets");
  browser = await launchBrowser();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const DAY = 86_400_000;

/** "2026-12-01T09:00" in Asia/Tokyo (the default cohort zone, UTC+9 all year), for <input type="datetime-local">. */
function tokyoLocal(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().slice(0, 16);
}

/** The instant a typed datetime-local value stands for in the cohort's zone, as the pages' <time dateTime> write it. */
function instant(ms: number, zone: string): string {
  return localToUtc(tokyoLocal(ms), zone)!.toISOString();
}

describe("problem sets and extensions", () => {
  it("an instructor sets two exercises and a quiz with points and extends one student; that student sees their own due date", async () => {
    const demo = app.demoAccounts.find((a) => a.role === "INSTRUCTOR");
    expect(demo, `demo instructor in ${app.dataDir}/demo-accounts.txt`).toBeDefined();
    const now = Date.now();
    const due = now + 3 * DAY;
    const extended = now + 10 * DAY;

    const teacher = await openPage(browser, app.url);
    const t = teacher.page;
    await signIn(t, demo!, "/instructor");
    await t.locator('[data-testid="create-cohort-form"] input[name="name"]').fill(`Sets cohort ${now}`);
    await t.locator('[data-testid="create-cohort-form"] button[type="submit"]').click();
    await t.waitForURL((url) => /^\/instructor\/cohorts\/[^/]+$/.test(url.pathname));
    const cohortPath = new URL(t.url()).pathname;
    const joinCode = (await t.locator('[data-testid="join-code"]').innerText()).trim();
    // The cohort's zone is the browser's by default; dates typed below are read in it.
    const zone = (await t.locator("p", { hasText: /^Times in / }).first().innerText()).replace(/^Times in /, "").trim();
    const minuteIso = (ms: number) => instant(ms, zone);

    // Two students join.
    const students = [];
    for (const name of ["extended", "ontime"]) {
      const ctx = await openPage(browser, app.url);
      const account = await signUp(ctx.page, newAccount(name));
      await ctx.page.goto(`/join/${joinCode}`);
      await ctx.page.locator('[data-testid="join-form"] button[type="submit"]').click();
      await ctx.page.waitForURL((url) => url.pathname === "/join" && url.searchParams.has("joined"));
      students.push({ ...ctx, account });
    }
    const [ext, plain] = students as [(typeof students)[number], (typeof students)[number]];

    // The problem set: softmax (10), log-softmax (20) and the softmax quiz (5).
    await t.reload();
    const form = t.locator('[data-testid="assign-form"]');
    await form.locator('input[name="title"]').fill("Week 1: softmax");
    await form.locator('select[name="item_0"]').selectOption("exercise:softmax");
    await form.locator('input[name="points_0"]').fill("10");
    await form.locator('select[name="item_1"]').selectOption("exercise:log-softmax");
    await form.locator('input[name="points_1"]').fill("20");
    await form.locator('select[name="item_2"]').selectOption("quiz:softmax");
    await form.locator('input[name="points_2"]').fill("5");
    await form.locator('input[name="opensAt"]').fill(tokyoLocal(now - 2 * DAY));
    await form.locator('input[name="dueAt"]').fill(tokyoLocal(due));
    await form.locator('button[type="submit"]').click();
    const setRow = t.locator('[data-testid="assignments"] tbody tr', { hasText: "Week 1: softmax" });
    await setRow.waitFor();
    expect(await setRow.locator("li").count()).toBe(3);
    expect(await setRow.locator("td").nth(1).innerText()).toBe("35");

    // The extension for one student, with a reason.
    await setRow.locator('[data-testid="extensions"] summary').click();
    const extForm = setRow.locator('[data-testid="extension-form"]');
    await extForm.locator('select[name="userId"]').selectOption({ label: `${ext.account.displayName} (${ext.account.email})` });
    await extForm.locator('input[name="dueAt"]').fill(tokyoLocal(extended));
    await extForm.locator('input[name="reason"]').fill("medical certificate");
    await extForm.locator('button[type="submit"]').click();
    await extForm.getByRole("status").filter({ hasText: "Extension saved" }).waitFor();
    await t.reload();
    await t.locator('[data-testid="assignments"] tbody tr', { hasText: "Week 1: softmax" }).locator('[data-testid="extensions"] summary').click();
    await t.locator(`[data-extension]`, { hasText: "medical certificate" }).waitFor();
    await screenshot(t, "problem-set-cohort");

    // The extended student: their date on the dashboard's upcoming list, flagged as extended.
    const s = ext.page;
    await s.goto("/");
    const upcoming = s.locator('[data-testid="upcoming-due"] li', { hasText: "Week 1: softmax" });
    await upcoming.waitFor();
    expect(await upcoming.getAttribute("data-extended")).toBe("true");
    expect(await upcoming.locator("time").getAttribute("datetime")).toBe(minuteIso(extended));
    await screenshot(s, "problem-set-student-dashboard");
    // The exercise and quiz pages say the same, with the item's points.
    await s.goto("/exercises/log-softmax");
    const notice = s.locator("[data-assignment-notice] p", { hasText: "Week 1: softmax" });
    await notice.waitFor();
    expect(await notice.locator("time").getAttribute("data-extended")).toBe("true");
    expect(await notice.locator("time").getAttribute("datetime")).toBe(minuteIso(extended));
    expect(await notice.innerText()).toContain("20 of the set's 35 points");
    await s.goto("/topics/softmax/quiz");
    const quizNotice = s.locator("[data-assignment-notice] p", { hasText: "Week 1: softmax" });
    await quizNotice.waitFor();
    expect(await quizNotice.locator("time").getAttribute("datetime")).toBe(minuteIso(extended));

    // The other student sees the set's own date.
    await plain.page.goto("/");
    const theirs = plain.page.locator('[data-testid="upcoming-due"] li', { hasText: "Week 1: softmax" });
    await theirs.waitFor();
    expect(await theirs.getAttribute("data-extended")).toBe("false");
    expect(await theirs.locator("time").getAttribute("datetime")).toBe(minuteIso(due));

    // The gradebook: one column for the set, the extension flagged on that student's cell.
    await t.goto(`${cohortPath}/gradebook`);
    const row = t.locator('[data-testid="gradebook"] tbody tr', { hasText: ext.account.email });
    await row.waitFor();
    expect(await row.locator("td[data-extended]").count()).toBe(1);
    expect(await row.locator("td[data-extended]").getAttribute("data-extended")).toBe("true");
    expect(await t.locator('[data-testid="gradebook"] tbody tr', { hasText: plain.account.email }).locator("td[data-extended]").getAttribute("data-extended")).toBe("false");
    await screenshot(t, "problem-set-gradebook");

    for (const c of [teacher, ext, plain]) expect(c.externalRequests).toEqual([]);
    expect(teacher.pageErrors.filter((e) => !/_rsc|Failed to load resource/.test(e))).toEqual([]);
    for (const c of [teacher, ext, plain]) await c.context.close();
  });
});
