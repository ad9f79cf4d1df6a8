import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { ARTIFACTS } from "./server";

/** Debian's Chromium (installed by .ci/run with apt); override with CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Nothing may be fetched from the internet: these turn off Chromium's own background traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** Launches Chromium; Playwright gives every launch a fresh, temporary user-data-dir. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface TestContext {
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to make to anything but the app: refused, and listed here so a test can assert none. */
  externalRequests: string[];
  /** Uncaught page errors and console errors, for assertions and for debugging a failure. */
  pageErrors: string[];
  /** Content-Security-Policy violations on any page of this context (blocked scripts, styles, workers, evals). */
  cspViolations(): Promise<string[]>;
}

function isLocal(url: URL): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(url.hostname) || url.hostname === "localhost";
}

/**
 * A new browser context (its own cookies) with one page on the app. `locale` sets navigator.language and the
 * Accept-Language header, e.g. "ja-JP" for a Japanese browser.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<TestContext> {
  const context = await browser.newContext({ baseURL, locale: options.locale ?? "en-US", viewport: options.viewport ?? DESKTOP });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(60_000);
  const externalRequests: string[] = [];
  await context.route(
    (url) => (url.protocol === "http:" || url.protocol === "https:" || url.protocol === "ws:" || url.protocol === "wss:") && !isLocal(url),
    async (route) => {
      externalRequests.push(route.request().url());
      await route.abort("blockedbyclient");
    },
  );
  // Every violation a document sees (including a worker it was refused), kept across navigations by the test.
  const violations: string[] = [];
  await context.exposeBinding("__mlDojoCspViolation", (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __mlDojoCspViolation(t: string): void }).__mlDojoCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} on ${location.pathname}`);
    });
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return { context, page, externalRequests, pageErrors, cspViolations: async () => [...violations] };
}

/** Saves a full-page screenshot as test-artifacts/browser/<name>.png (ignored by git) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
