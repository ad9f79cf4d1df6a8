import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APP_START_TIMEOUT_MS,
  CORRECT_SOFTMAX,
  DAY,
  HALVE_SOFTMAX_REFERENCE,
  copyExercises,
  createCohort,
  instant,
  joinCohort,
  launchBrowser,
  newAccount,
  openPage,
  screenshot,
  signIn,
  signUp,
  startApp,
  submitCode,
  tokyoLocal,
  type RunningApp,
} from "./support";

/**
 * Issue 13's "Done when" walkthrough, one continuous scenario in one app (production build, SQLite): the demo
 * instructor creates a cohort that two students join, sets a problem set of two exercises (softmax, log-softmax)
 * and the softmax quiz, and gives student A an extension. Both submit softmax (A correct, B the naive version that
 * overflows). The instructor overrides B's softmax cell with a comment. softmax is then edited on disk and the
 * content synced, as a restart would; the instructor sees "content changed", regrades, follows the progress, reads
 * the report (A: from → to) and finds the gradebook recomputed. A sees the extended due date on the dashboard and
 * the exercise page (and the set's other items); B sees the set's own date and the override with its comment. A
 * student gets the 403 card on the regrade page. (This replaced problem-sets.test.ts and grades.test.ts, which
 * walked through these steps separately; their checks are all here.)
 */
let app: RunningApp;
let browser: Browser;
const content = copyExercises();

beforeAll(async () => {
  app = await startApp("walkthrough", { env: { ML_DOJO_EXERCISES_DIR: content.dir } });
  browser = await launchBrowser();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  content.remove();
});

/** softmax without subtracting the maximum: right on small inputs, NaN once exp overflows. */
const NAIVE_SOFTMAX = `export function softmax(z: number[]): number[] {
  const e = z.map((x) => Math.exp(x));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
`;

const SET = "Week 1: softmax";

describe("instructor walkthrough: problem set, extension, override, regrade", () => {
  it("an instructor runs a graded problem set end to end; the students see their extension and the override comment", async () => {
    const demo = app.demoAccounts.find((a) => a.role === "INSTRUCTOR");
    expect(demo, `demo instructor in ${app.dataDir}/demo-accounts.txt`).toBeDefined();
    const now = Date.now();
    const due = now + 3 * DAY;
    const extended = now + 10 * DAY;

    // The instructor creates a cohort; two students sign up and join it.
    const teacher = await openPage(browser, app.url);
    const t = teacher.page;
    t.on("dialog", (d) => void d.accept());
    await signIn(t, demo!, "/instructor");
    const cohort = await createCohort(t, `Walkthrough cohort ${now}`);
    const students = [];
    for (const name of ["student-a", "student-b"]) {
      const ctx = await openPage(browser, app.url);
      await ctx.context.grantPermissions(["clipboard-read", "clipboard-write"]);
      const account = await signUp(ctx.page, newAccount(name));
      await joinCohort(ctx.page, cohort.joinCode);
      students.push({ ...ctx, account });
    }
    const [a, b] = students as [(typeof students)[number], (typeof students)[number]];

    // The problem set: softmax (10), log-softmax (20) and the softmax quiz (5).
    await t.reload();
    const form = t.locator('[data-testid="assign-form"]');
    await form.locator('input[name="title"]').fill(SET);
    await form.locator('select[name="item_0"]').selectOption("exercise:softmax");
    await form.locator('input[name="points_0"]').fill("10");
    await form.locator('select[name="item_1"]').selectOption("exercise:log-softmax");
    await form.locator('input[name="points_1"]').fill("20");
    await form.locator('select[name="item_2"]').selectOption("quiz:softmax");
    await form.locator('input[name="points_2"]').fill("5");
    await form.locator('input[name="opensAt"]').fill(tokyoLocal(now - 2 * DAY));
    await form.locator('input[name="dueAt"]').fill(tokyoLocal(due));
    await form.locator('button[type="submit"]').click();
    const setRow = t.locator('[data-testid="assignments"] tbody tr', { hasText: SET });
    await setRow.waitFor();
    expect(await setRow.locator("li").allInnerTexts()).toHaveLength(3);
    expect(await setRow.locator("td").nth(1).innerText()).toBe("35");

    // Student A gets an extension, with a reason.
    await setRow.locator('[data-testid="extensions"] summary').click();
    const extForm = setRow.locator('[data-testid="extension-form"]');
    await extForm.locator('select[name="userId"]').selectOption({ label: `${a.account.displayName} (${a.account.email})` });
    await extForm.locator('input[name="dueAt"]').fill(tokyoLocal(extended));
    await extForm.locator('input[name="reason"]').fill("medical certificate");
    await extForm.locator('button[type="submit"]').click();
    await extForm.getByRole("status").filter({ hasText: "Extension saved" }).waitFor();
    await t.reload();
    await setRow.locator('[data-testid="extensions"] summary').click();
    await setRow.locator("[data-extension]", { hasText: "medical certificate" }).waitFor();
    await screenshot(t, "walkthrough-1-problem-set");

    // Both students submit softmax: A's is correct, B's overflows on large inputs.
    await a.page.goto("/exercises/softmax");
    expect(await submitCode(a.page, CORRECT_SOFTMAX)).toBe("passed");
    await b.page.goto("/exercises/softmax");
    expect(await submitCode(b.page, NAIVE_SOFTMAX)).not.toBe("passed");

    // The instructor overrides B's softmax cell with a comment, from the gradebook's drill-down.
    await t.goto(`${cohort.path}/gradebook`);
    const cellOf = (email: string) => t.locator('[data-testid="gradebook"] tbody tr', { hasText: email }).locator("td[data-score]").first();
    const bCell = cellOf(b.account.email);
    await bCell.waitFor();
    expect(await bCell.getAttribute("data-overridden")).toBe("false");
    const bComputed = await bCell.locator("[data-item]").first().getAttribute("data-score");
    expect(Number(bComputed)).toBeLessThan(100);
    await bCell.locator("a").first().click();
    await t.waitForURL((url) => url.pathname.startsWith(`${cohort.path}/gradebook/`));
    const softmaxSection = t.locator("section[data-item]").filter({ has: t.getByRole("link", { name: "softmax", exact: true }) });
    const card = softmaxSection.locator('[data-testid="override-card"]');
    await card.waitFor();
    expect(await card.locator('[data-testid="override-computed"]').innerText()).toBe(`${bComputed}%`);
    const comment = "Your write-up explains the overflow and its fix; 80% for the idea.";
    const overrideForm = card.locator('[data-testid="override-form"]');
    await overrideForm.locator('input[name="score"]').fill("80");
    await overrideForm.locator('input[name="comment"]').fill(comment);
    await overrideForm.locator('button[type="submit"]').click();
    await expect.poll(() => card.locator('[data-testid="override-current"]').innerText(), { timeout: 30_000 }).toBe("80%");
    const history = card.locator('[data-testid="override-history"] tbody tr');
    expect(await history.count()).toBe(1);
    expect(await history.first().innerText()).toContain(`${bComputed}% → 80%`);
    expect(await history.first().innerText()).toContain(comment);
    await screenshot(t, "walkthrough-2-override");

    // A student gets the 403 card on the regrade page.
    await b.page.goto(`${cohort.path}/regrade`);
    await b.page.getByRole("heading", { level: 1, name: "Not allowed" }).waitFor();
    expect(await b.page.locator('[data-testid="regrade-exercises"]').count()).toBe(0);

    // softmax is edited on disk (its reference now halves every probability) and the content synced.
    await t.goto(`${cohort.path}/regrade`);
    const regradeRow = t.locator('[data-testid="regrade-softmax"]');
    await regradeRow.waitFor();
    expect(await regradeRow.innerText()).toContain("graded with the current version");
    await content.editAndSync(app.dataDir, HALVE_SOFTMAX_REFERENCE.file, HALVE_SOFTMAX_REFERENCE.edit);
    await t.reload();
    expect(await regradeRow.innerText()).toContain("content changed — regrade (2 graded with an older version)");

    // The regrade: progress to the end, then the report of A's best score, from → to.
    await regradeRow.getByRole("button", { name: "Regrade" }).click();
    const run = t.locator('[data-testid="regrade-run"]').first();
    await run.waitFor();
    await expect.poll(() => run.locator('[data-testid="regrade-progress"]').innerText(), { timeout: 120_000 }).toMatch(/^2 of 2 regraded\. Finished\./);
    const aReport = run.locator('[data-testid="regrade-report"] tbody tr', { hasText: a.account.email });
    await aReport.waitFor();
    expect(await run.innerText()).toMatch(/Best score changed for [12] of 2 students/);
    const [from, to] = await aReport.locator("td").allInnerTexts();
    expect(from).toBe("100%");
    const aAfter = Number(to!.replace("%", ""));
    expect(aAfter).toBeLessThan(100);
    await screenshot(t, "walkthrough-3-regrade-report");

    // The gradebook is recomputed: A's cell holds the new best score; B's cell keeps the override, marked.
    await t.goto(`${cohort.path}/gradebook`);
    const aCell = cellOf(a.account.email);
    await aCell.waitFor();
    expect(Number(await aCell.locator("[data-item]").first().getAttribute("data-score"))).toBe(aAfter);
    expect(await aCell.getAttribute("data-extended")).toBe("true");
    expect(await aCell.getAttribute("data-overridden")).toBe("false");
    expect(await bCell.getAttribute("data-extended")).toBe("false");
    expect(await bCell.getAttribute("data-overridden")).toBe("true");
    expect(await bCell.locator('[data-item][data-overridden="true"]').getAttribute("data-score")).toBe("80");
    await screenshot(t, "walkthrough-4-gradebook");

    // Student A sees the extended due date: on the dashboard's upcoming list and on the exercise page.
    await a.page.goto("/");
    const upcoming = a.page.locator('[data-testid="upcoming-due"] li', { hasText: SET });
    await upcoming.waitFor();
    expect(await upcoming.getAttribute("data-extended")).toBe("true");
    expect(await upcoming.locator("time").getAttribute("datetime")).toBe(instant(extended, cohort.zone));
    await a.page.goto("/exercises/softmax");
    const notice = a.page.locator("[data-assignment-notice] p", { hasText: SET });
    await notice.waitFor();
    expect(await notice.locator("time").getAttribute("data-extended")).toBe("true");
    expect(await notice.locator("time").getAttribute("datetime")).toBe(instant(extended, cohort.zone));
    expect(await notice.innerText()).toContain("10 of the set's 35 points");
    await screenshot(a.page, "walkthrough-5-student-a-extension");
    // The other items of the set say the same, with their own points.
    await a.page.goto("/exercises/log-softmax");
    const logNotice = a.page.locator("[data-assignment-notice] p", { hasText: SET });
    await logNotice.waitFor();
    expect(await logNotice.locator("time").getAttribute("datetime")).toBe(instant(extended, cohort.zone));
    expect(await logNotice.innerText()).toContain("20 of the set's 35 points");
    await a.page.goto("/topics/softmax/quiz");
    const quizNotice = a.page.locator("[data-assignment-notice] p", { hasText: SET });
    await quizNotice.waitFor();
    expect(await quizNotice.locator("time").getAttribute("datetime")).toBe(instant(extended, cohort.zone));

    // Student B sees the set's own date (dashboard and exercise page), and the override with its comment.
    await b.page.goto("/");
    const bUpcoming = b.page.locator('[data-testid="upcoming-due"] li', { hasText: SET });
    await bUpcoming.waitFor();
    expect(await bUpcoming.getAttribute("data-extended")).toBe("false");
    expect(await bUpcoming.locator("time").getAttribute("datetime")).toBe(instant(due, cohort.zone));
    await b.page.goto("/exercises/softmax");
    const bNotice = b.page.locator("[data-assignment-notice] p", { hasText: SET });
    await bNotice.waitFor();
    expect(await bNotice.locator("time").getAttribute("datetime")).toBe(instant(due, cohort.zone));
    const overrideNotice = b.page.locator("[data-override-notice]");
    await overrideNotice.waitFor();
    expect(await overrideNotice.innerText()).toContain("80%");
    expect(await b.page.locator("[data-override-comment]").innerText()).toBe(comment);
    await screenshot(b.page, "walkthrough-6-student-b-override");

    for (const c of [teacher, a, b]) expect(c.externalRequests).toEqual([]);
    expect(teacher.pageErrors.filter((e) => !/_rsc|Failed to load resource/.test(e))).toEqual([]);
    for (const c of [teacher, a, b]) await c.context.close();
  }, 420_000);
});
