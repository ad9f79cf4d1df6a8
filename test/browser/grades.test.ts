import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncContent } from "../../app/_server/content-sync";
import { createDb } from "../../app/_server/db/client";
import { loadCatalog } from "../../graders/exercise/catalog";
import { APP_START_TIMEOUT_MS, CORRECT_SOFTMAX, PROJECT_ROOT, launchBrowser, newAccount, openPage, screenshot, setCode, signIn, signUp, startApp, type RunningApp } from "./support";

/**
 * Grades an instructor can stand behind (issue 13), in a real browser against the production build: after an
 * exercise is edited (on disk in the app's own copy of the content, then content sync as `npm start` runs it), the
 * instructor sees "content changed — regrade", regrades, watches the progress and reads the report of the student
 * whose best score changed; the gradebook follows. Then the instructor overrides that cell with a comment: the
 * drill-down keeps the audit, the gradebook marks the cell, and the student reads the comment on the exercise page.
 */
let app: RunningApp;
let browser: Browser;
const content = mkdtempSync(path.join(tmpdir(), "ml-dojo-browser-content-"));

/**
 * The app's own copy of exercises/. Content imports the authoring kit relatively ("../../../graders/content"); the
 * copy points those imports at this checkout's graders/ (which the grader sandbox mounts), and is readable by the
 * graders' unprivileged user.
 */
function copyContent(): void {
  cpSync(path.join(PROJECT_ROOT, "exercises"), content, { recursive: true });
  chmodSync(content, 0o755);
  for (const entry of readdirSync(content, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".ts")) continue;
    const file = path.join(content, entry);
    const text = readFileSync(file, "utf8");
    const fixed = text.replace(/(["'])(?:\.\.\/)+graders\//g, `$1${PROJECT_ROOT}/graders/`);
    if (fixed !== text) writeFileSync(file, fixed);
  }
}

beforeAll(async () => {
  copyContent();
  app = await startApp("grades", { env: { ML_DOJO_EXERCISES_DIR: content } });
  browser = await launchBrowser();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(content, { recursive: true, force: true });
});

/** Edits the app's copy of an exercise and syncs the content into its database, as a restart would. */
async function editAndSync(file: string, edit: (text: string) => string): Promise<void> {
  const full = path.join(content, file);
  writeFileSync(full, edit(readFileSync(full, "utf8")));
  const db = await createDb({ provider: "sqlite", file: path.join(app.dataDir, "ml-dojo.db"), display: "browser test" });
  try {
    await syncContent(db, loadCatalog(content));
  } finally {
    await db.$disconnect();
  }
}

describe("instructor: regrade after an exercise is edited, then an override with a comment", () => {
  it("shows the changed content, regrades with progress, reports the changed best score, and the gradebook follows", async () => {
    const demo = app.demoAccounts.find((a) => a.role === "INSTRUCTOR")!;
    const teacher = await openPage(browser, app.url);
    const t = teacher.page;
    t.on("dialog", (d) => void d.accept());
    await signIn(t, demo, "/instructor");
    await t.locator('[data-testid="create-cohort-form"] input[name="name"]').fill(`Regrade cohort ${Date.now()}`);
    await t.locator('[data-testid="create-cohort-form"] button[type="submit"]').click();
    await t.waitForURL((url) => /^\/instructor\/cohorts\/[^/]+$/.test(url.pathname));
    const cohortPath = new URL(t.url()).pathname;
    const joinCode = (await t.locator('[data-testid="join-code"]').innerText()).trim();
    const form = t.locator('[data-testid="assign-form"]');
    await form.locator('select[name="item_0"]').selectOption("exercise:softmax");
    await form.locator('input[name="opensAt"]').fill(new Date(Date.now() - 2 * 86400_000 + 9 * 3600_000).toISOString().slice(0, 16));
    await form.locator('input[name="dueAt"]').fill(new Date(Date.now() + 7 * 86400_000 + 9 * 3600_000).toISOString().slice(0, 16));
    await form.locator('button[type="submit"]').click();
    await t.locator('[data-testid="assignments"] tbody tr', { hasText: "Softmax" }).waitFor();

    // A student joins and solves softmax: 100.
    const learner = await openPage(browser, app.url);
    const s = learner.page;
    await learner.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const student = await signUp(s, newAccount("regraded"));
    await s.goto(`/join/${joinCode}`);
    await s.locator('[data-testid="join-form"] button[type="submit"]').click();
    await s.waitForURL((url) => url.pathname === "/join" && url.searchParams.has("joined"));
    await s.goto("/exercises/softmax");
    await setCode(s, CORRECT_SOFTMAX);
    await s.getByRole("button", { name: "Submit", exact: true }).click();
    const verdict = s.locator('[data-source="submit"]');
    await verdict.waitFor({ timeout: 90_000 });
    expect(await verdict.getAttribute("data-verdict")).toBe("passed");

    // A student gets the 403 card on the regrade page.
    await s.goto(`${cohortPath}/regrade`);
    await s.getByRole("heading", { level: 1, name: "Not allowed" }).waitFor();
    expect(await s.locator('[data-testid="regrade-exercises"]').count()).toBe(0);

    // Nothing changed yet.
    await t.goto(`${cohortPath}/regrade`);
    const row = t.locator('[data-testid="regrade-softmax"]');
    await row.waitFor();
    expect(await row.innerText()).toContain("graded with the current version");

    // The exercise is fixed (here: its reference halves every probability, so the old 100 no longer holds).
    await editAndSync("softmax/softmax/reference.ts", (text) => text.replace("return e.map((ei) => ei / sum);", "return e.map((ei) => ei / sum / 2);"));
    await t.reload();
    expect(await row.innerText()).toContain("content changed — regrade (1 graded with an older version)");
    await screenshot(t, "regrade-content-changed");

    await row.getByRole("button", { name: "Regrade" }).click();
    const run = t.locator('[data-testid="regrade-run"]').first();
    await run.waitFor();
    await expect.poll(() => run.locator('[data-testid="regrade-progress"]').innerText(), { timeout: 90_000 }).toMatch(/^1 of 1 regraded\. Finished\./);
    const report = run.locator('[data-testid="regrade-report"] tbody tr', { hasText: student.email });
    await report.waitFor();
    const cells = await report.locator("td").allInnerTexts();
    expect(cells[0]).toBe("100%");
    expect(Number(cells[1]!.replace("%", ""))).toBeLessThan(100);
    await screenshot(t, "regrade-report");

    // The gradebook shows the new best score.
    const after = Number(cells[1]!.replace("%", ""));
    await t.goto(`${cohortPath}/gradebook`);
    const gbRow = t.locator('[data-testid="gradebook"] tbody tr', { hasText: student.email });
    await gbRow.waitFor();
    const setCell = gbRow.locator("td[data-score]").first();
    expect(Number(await setCell.locator("[data-item]").first().getAttribute("data-score"))).toBe(after);
    expect(await setCell.getAttribute("data-overridden")).toBe("false");

    // The instructor overrides the softmax item with a comment for the student, from the drill-down.
    await setCell.locator("a").first().click();
    await t.waitForURL((url) => url.pathname.startsWith(`${cohortPath}/gradebook/`));
    const card = t.locator('[data-testid="override-card"]').first();
    await card.waitFor();
    expect(await card.locator('[data-testid="override-computed"]').innerText()).toBe(`${after}%`);
    const comment = "Your derivation on paper earns full marks; the regrade halved the reference by mistake.";
    const overrideForm = card.locator('[data-testid="override-form"]');
    await overrideForm.locator('input[name="score"]').fill("100");
    await overrideForm.locator('input[name="comment"]').fill(comment);
    await overrideForm.locator('button[type="submit"]').click();
    await expect.poll(() => card.locator('[data-testid="override-current"]').innerText(), { timeout: 30_000 }).toBe("100%");
    const history = card.locator('[data-testid="override-history"] tbody tr');
    expect(await history.count()).toBe(1);
    expect(await history.first().innerText()).toContain(`${after}% → 100%`);
    expect(await history.first().innerText()).toContain(comment);
    await screenshot(t, "override-drill-down");

    // The gradebook marks the overridden cell and uses the override.
    await t.goto(`${cohortPath}/gradebook`);
    await gbRow.waitFor();
    expect(await setCell.getAttribute("data-overridden")).toBe("true");
    expect(await setCell.locator('[data-item][data-overridden="true"]').getAttribute("data-score")).toBe("100");
    await screenshot(t, "override-gradebook");

    // The student sees the score and the comment on the exercise page.
    await s.goto("/exercises/softmax");
    const notice = s.locator("[data-override-notice]");
    await notice.waitFor();
    expect(await notice.innerText()).toContain("100%");
    expect(await s.locator("[data-override-comment]").innerText()).toBe(comment);
    await screenshot(s, "override-student");

    expect(teacher.externalRequests).toEqual([]);
    expect(teacher.pageErrors.filter((e) => !/_rsc|Failed to load resource/.test(e))).toEqual([]);
    await teacher.context.close();
    await learner.context.close();
  }, 300_000);
});
