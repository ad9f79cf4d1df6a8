import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_START_TIMEOUT_MS, launchBrowser, newAccount, openPage, screenshot, signIn, signUp, startApp, CORRECT_SOFTMAX, setCode, type RunningApp } from "./support";

/**
 * Issue 6 end to end in a real browser against the production build: the demo instructor creates a cohort and
 * assigns softmax; a student signs up, joins with the code, sees the assignment on the dashboard, solves softmax in
 * Monaco; the instructor sees 100 in the gradebook, the code in the drill-down's read-only editor, and the same
 * 100 in the downloaded CSV. A student who opens the gradebook gets the 403 card.
 */
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp("instructor");
  browser = await launchBrowser();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});


/** "2026-12-01T09:00" in Asia/Tokyo (the default cohort zone, UTC+9 all year), for <input type="datetime-local">. */
function tokyoLocal(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().slice(0, 16);
}

/** Pastes code into Monaco the way a learner does (typing would fight its auto-closing brackets). */
describe("instructor: cohort, assignment, gradebook, drill-down, CSV", () => {
  it("a student's solved softmax shows as 100 in the gradebook, the drill-down and the CSV", async () => {
    const demo = app.demoAccounts.find((a) => a.role === "INSTRUCTOR");
    expect(demo, `demo instructor in ${app.dataDir}/demo-accounts.txt`).toBeDefined();

    // The instructor creates a cohort and assigns softmax, open now and due in a week.
    const teacher = await openPage(browser, app.url);
    const t = teacher.page;
    await signIn(t, demo!, "/instructor");
    const cohortName = `Browser cohort ${Date.now()}`;
    await t.locator('[data-testid="create-cohort-form"] input[name="name"]').fill(cohortName);
    await t.locator('[data-testid="create-cohort-form"] button[type="submit"]').click();
    await t.waitForURL((url) => /^\/instructor\/cohorts\/[^/]+$/.test(url.pathname));
    const cohortPath = new URL(t.url()).pathname;
    const joinCode = (await t.locator('[data-testid="join-code"]').innerText()).trim();
    expect(joinCode).toMatch(/^[A-Z2-9]{8}$/);

    const form = t.locator('[data-testid="assign-form"]');
    await form.locator('select[name="item_0"]').selectOption("exercise:softmax");
    await form.locator('input[name="opensAt"]').fill(tokyoLocal(Date.now() - 2 * 86400_000));
    await form.locator('input[name="dueAt"]').fill(tokyoLocal(Date.now() + 7 * 86400_000));
    await form.locator('button[type="submit"]').click();
    await t.locator('[data-testid="assignments"] tbody tr', { hasText: "Softmax" }).waitFor();
    await screenshot(t, "instructor-cohort");

    // A student signs up, joins with the code, sees the assignment on the dashboard and solves softmax.
    const learner = await openPage(browser, app.url);
    const s = learner.page;
    await learner.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const student = await signUp(s, newAccount("student"));
    await s.goto(`/join/${joinCode}`);
    await s.locator('[data-testid="join-form"] button[type="submit"]').click();
    await s.waitForURL((url) => url.pathname === "/join" && url.searchParams.has("joined"));
    await s.goto("/");
    const mine = s.locator('[data-testid="my-assignments"]');
    await mine.locator("tr", { hasText: "Softmax" }).waitFor();
    expect(await mine.locator("tr", { hasText: "Softmax" }).getAttribute("data-status")).toBe("open");
    await screenshot(s, "instructor-student-dashboard");

    await s.goto("/exercises/softmax");
    await setCode(s, CORRECT_SOFTMAX);
    await s.getByRole("button", { name: "Submit", exact: true }).click();
    const verdict = s.locator('[data-source="submit"]');
    await verdict.waitFor({ timeout: 90_000 });
    expect(await verdict.getAttribute("data-verdict")).toBe("passed");

    // The student is refused the gradebook with a readable card, not a stack trace.
    await s.goto(`${cohortPath}/gradebook`);
    await s.getByRole("heading", { level: 1, name: "Not allowed" }).waitFor();
    expect(await s.locator('[data-testid="gradebook"]').count()).toBe(0);

    // The instructor's gradebook shows 100 for the student on softmax.
    await t.goto(`${cohortPath}/gradebook`);
    const row = t.locator('[data-testid="gradebook"] tbody tr', { hasText: student.email });
    await row.waitFor();
    const cell = row.locator("td[data-score]").first();
    expect(await cell.getAttribute("data-score")).toBe("100");
    expect(await cell.getAttribute("data-late")).toBe("false");
    expect(await row.locator("td[data-total]").getAttribute("data-total")).toBe("100");
    await screenshot(t, "instructor-gradebook");

    // Filtering through the URL form (no JavaScript needed): a search that matches nobody, then the student.
    await t.locator("#gb-q").fill("nobody-matches-this");
    await t.locator('[data-testid="gradebook-filter"] button[type="submit"]').click();
    await t.waitForURL((url) => url.searchParams.get("q") === "nobody-matches-this");
    expect(await t.locator('[data-testid="gradebook"]').count()).toBe(0);
    await t.locator("#gb-q").fill(student.displayName);
    await t.locator('[data-testid="gradebook-filter"] button[type="submit"]').click();
    await t.waitForURL((url) => url.searchParams.get("q") === student.displayName);
    await t.locator('[data-testid="gradebook"] tbody tr', { hasText: student.email }).waitFor();

    // The drill-down shows the submission with its verdict and the code in a read-only Monaco.
    await t.locator('[data-testid="gradebook"] tbody tr', { hasText: student.email }).locator("td[data-score] a").first().click();
    await t.waitForURL((url) => url.pathname.startsWith(`${cohortPath}/gradebook/`) && url.pathname.split("/").length === 7);
    const submission = t.locator("[data-submission]").first();
    expect(await submission.getAttribute("data-score")).toBe("100");
    expect(await submission.locator('[data-case][data-status="failed"]').count()).toBe(0);
    expect(await submission.locator('[data-case][data-status="passed"]').count()).toBeGreaterThan(0);
    const viewer = submission.locator('[data-code-viewer][data-editor-ready="true"] .monaco-editor .view-lines');
    await viewer.waitFor({ state: "visible", timeout: 60_000 });
    await expect.poll(() => viewer.innerText().then((x) => x.replace(/\u00a0/g, " "))).toContain("const m = Math.max(...z);");
    // Read-only: typing changes nothing.
    await viewer.click();
    await t.keyboard.type("// edited");
    expect((await viewer.innerText()).replace(/\u00a0/g, " ")).not.toContain("// edited");
    await screenshot(t, "instructor-drill-down");

    // The gradebook CSV, downloaded with the instructor's session, parses back to the same 100.
    const response = await t.request.get(`${cohortPath}/gradebook/csv`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toMatch(/attachment; filename="[\w.-]+\.csv"/);
    const records = parse(await response.text(), { bom: true }) as string[][];
    const header = records[0]!;
    const scoreColumn = header.findIndex((h) => h.includes("[softmax]"));
    expect(scoreColumn).toBeGreaterThan(0);
    const studentRow = records.find((r) => r[1] === student.email);
    expect(studentRow, "the student's row in the CSV").toBeDefined();
    expect(Number(studentRow![scoreColumn])).toBe(100);
    // The student gets 403 from the CSV route as well.
    expect((await s.request.get(`${cohortPath}/gradebook/csv`)).status()).toBe(403);

    // Analytics: one student, solved at the first attempt.
    await t.goto(`${cohortPath}/analytics`);
    await t.locator('[data-exercise="softmax"]').waitFor();
    expect(await t.locator('[data-exercise="softmax"]').getAttribute("data-pass-rate")).toBe("100");
    await screenshot(t, "instructor-analytics");

    expect(teacher.externalRequests).toEqual([]);
    expect(learner.externalRequests).toEqual([]);
    expect(teacher.pageErrors.filter((e) => !/_rsc|Failed to load resource/.test(e))).toEqual([]);
    await teacher.context.close();
    await learner.context.close();
  });
});
