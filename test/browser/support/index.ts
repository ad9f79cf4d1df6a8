/**
 * The shared browser-test harness: the app built and started as in production with a fresh SQLite data dir,
 * Debian Chromium via playwright-core with the network-disabling flags, screenshots under test-artifacts/browser/.
 *
 *   let app: RunningApp; let browser: Browser;
 *   beforeAll(async () => { app = await startApp("quiz"); browser = await launchBrowser(); }, APP_START_TIMEOUT_MS);
 *   afterAll(async () => { await browser?.close(); await app?.stop(); });
 *   const { page } = await openPage(browser, app.url); await signUp(page);
 */
export { APP_START_TIMEOUT_MS, ARTIFACTS, PROJECT_ROOT, startApp, type RunningApp } from "./server";
export { CHROMIUM, CHROMIUM_ARGS, DESKTOP, launchBrowser, openPage, PHONE, screenshot, type TestContext } from "./browser";
export { newAccount, signIn, signUp, waitSignedIn, type Account } from "./auth";
export { CORRECT_SOFTMAX } from "./solutions";
export { editorReady, setCode, submitCode } from "./editor";
export { copyExercises, HALVE_SOFTMAX_REFERENCE, type ContentCopy } from "./content";
export { createCohort, DAY, instant, joinCohort, tokyoLocal, type CreatedCohort } from "./cohort";
export { horizontalOverflow, seriousA11yViolations, widestElements, type AxeFinding } from "./axe";
