import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Waits until Monaco (loaded from the app's /vs) has replaced the plain text box. */
export async function editorReady(page: Page): Promise<void> {
  await page.locator('[data-editor-ready="true"] .monaco-editor .view-lines').waitFor({ state: "visible", timeout: 60_000 });
}

/**
 * Replaces the editor's text the way a learner pastes code (typing would fight Monaco's auto-closing brackets).
 * The page's context needs the clipboard permissions.
 */
export async function setCode(page: Page, code: string): Promise<void> {
  await editorReady(page);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press("ControlOrMeta+V");
  await expect.poll(() => page.locator(".monaco-editor .view-lines").innerText().then((t) => t.replace(/\u00a0/g, " ").trim())).toBe(code.trim());
}

/** On an exercise page: pastes the code, submits it, and returns the verdict once grading is done ("passed", …). */
export async function submitCode(page: Page, code: string): Promise<string | null> {
  await setCode(page, code);
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  const verdict = page.locator('[data-source="submit"]');
  await verdict.waitFor({ timeout: 90_000 });
  return verdict.getAttribute("data-verdict");
}
