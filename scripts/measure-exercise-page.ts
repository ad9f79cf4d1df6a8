/**
 * Figures of the exercise page, measured against the production build on this machine (prints, never asserts):
 *   1. first-load JS of /exercises/softmax: the <script> files of the server-rendered HTML, gzip -9 sizes; the
 *      editor chunk and Monaco (/vs/…) load lazily afterwards and are reported separately;
 *   2. with a cold cache (a fresh browser context per run): time from navigation until a typed key lands in the
 *      editor (the plain text box, editable from first paint, then Monaco), the gzip bytes of JavaScript received
 *      by then, and the time until Monaco has taken over (the early key must still be there);
 *   3. Submit round trip for softmax through HTTP, the sandbox and the database: p50 and p95.
 * Usage: npx tsx scripts/measure-exercise-page.ts [--runs 5] [--submits 40]
 */
import { cpus, loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { launchBrowser, openPage, signUp, startApp } from "../test/browser/support";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (v: number) => `${Math.round(v)} ms`;

const CORRECT = "export function softmax(z: number[]): number[] {\n  const m = Math.max(...z);\n  const e = z.map((x) => Math.exp(x - m));\n  const s = e.reduce((a, b) => a + b, 0);\n  return e.map((x) => x / s);\n}\n";

async function firstLoadJs(page: Page, base: string): Promise<{ files: number; raw: number; gzip: number }> {
  const html = await (await page.context().request.get(`${base}/exercises/softmax`)).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!))];
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const body = await (await page.context().request.get(new URL(src, base).toString())).body();
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: srcs.length, raw, gzip };
}

async function main(): Promise<void> {
  const runs = arg("runs", 5);
  const submits = arg("submits", 40);
  // The per-user submit limit would otherwise stop the round-trip measurement after 10.
  process.env.ML_DOJO_SUBMITS_PER_MINUTE = "100000";
  console.log("starting the production app (builds first if the sources changed)…");
  const app = await startApp("measure-exercise-page");
  const browser = await launchBrowser();
  try {
    const { page, context } = await openPage(browser, app.url);
    await signUp(page);

    const js = await firstLoadJs(page, app.url);

    // Each run in a fresh browser context: its own empty cache (cold), signed in with the same cookies.
    const state = await context.storageState();
    const editable: number[] = [];
    const monaco: number[] = [];
    const jsBeforeTyping: number[] = [];
    const jsBeforeMonaco: number[] = [];
    for (let i = 0; i < runs; i++) {
      const cold = await browser.newContext({ baseURL: app.url, storageState: state });
      const p = await cold.newPage();
      const scripts: { at: number; body: Promise<Buffer | null> }[] = [];
      p.on("requestfinished", (req) => {
        if (req.resourceType() !== "script") return;
        const at = Date.now();
        scripts.push({ at, body: req.response().then((r) => (r ? r.body() : null)).catch(() => null) });
      });
      const t0 = Date.now();
      await p.goto(`${app.url}/exercises/softmax`, { waitUntil: "commit" });
      // Editable = a typed key lands in the typing surface (the plain box, or Monaco if it were first).
      const box = p.locator("#code-fallback");
      await box.waitFor({ state: "visible", timeout: 120_000 });
      await box.focus();
      await p.keyboard.type("Q");
      await p.waitForFunction(() => {
        const el = document.getElementById("code-fallback") as HTMLTextAreaElement | null;
        const monacoText = document.querySelector(".monaco-editor .view-lines")?.textContent ?? "";
        return (el?.value.includes("Q") ?? false) || monacoText.includes("Q");
      }, undefined, { timeout: 120_000, polling: 10 });
      const typed = Date.now();
      editable.push(typed - t0);
      await p.locator('[data-editor-ready="true"] .monaco-editor .view-lines').waitFor({ state: "visible", timeout: 120_000 });
      const ready = Date.now();
      monaco.push(ready - t0);
      let before = 0;
      let beforeMonaco = 0;
      for (const s of scripts) {
        const body = await s.body;
        if (!body) continue;
        const gz = gzipSync(body, { level: 9 }).length;
        if (s.at <= typed) before += gz;
        if (s.at <= ready) beforeMonaco += gz;
      }
      jsBeforeTyping.push(before);
      jsBeforeMonaco.push(beforeMonaco);
      // The key typed early is still there once Monaco has taken over.
      const kept = await p.locator(".monaco-editor .view-lines").innerText();
      if (!kept.includes("Q")) throw new Error(`run ${i}: the key typed before Monaco was lost`);
      await cold.close();
    }

    const times: number[] = [];
    for (let i = 0; i < submits; i++) {
      const t0 = performance.now();
      const res = await context.request.post(`${app.url}/api/submissions`, {
        data: { exerciseId: "softmax", code: CORRECT, clientSubmissionId: `measure-${Date.now()}-${i}` },
      });
      const elapsed = performance.now() - t0;
      const body = (await res.json()) as { submission?: { verdict?: { status: string } } };
      if (!res.ok() || body.submission?.verdict?.status !== "passed") throw new Error(`submission ${i} did not pass: ${res.status()} ${JSON.stringify(body).slice(0, 300)}`);
      times.push(elapsed);
    }
    times.sort((a, b) => a - b);
    for (const xs of [editable, monaco, jsBeforeTyping, jsBeforeMonaco]) xs.sort((a, b) => a - b);

    const [l1, l5, l15] = loadavg();
    console.log(`\nexercise page (/exercises/softmax), production build, this machine (${cpus().length} cores, load average ${l1!.toFixed(2)} ${l5!.toFixed(2)} ${l15!.toFixed(2)}):`);
    console.log(`  first-load JS: ${js.files} files, ${kb(js.raw)} raw, ${kb(js.gzip)} gzip (target ≤ 250 KB gzip)`);
    console.log(`  navigation → a typed key lands in the editor (cold cache): median ${ms(quantile(editable, 0.5))} (n=${runs}, min ${ms(editable[0]!)}, max ${ms(editable.at(-1)!)}) (target ≤ 1500 ms)`);
    console.log(`  JS received before that key, gzip: median ${kb(quantile(jsBeforeTyping, 0.5))} (max ${kb(jsBeforeTyping.at(-1)!)}) (target ≤ 1024 KB)`);
    console.log(`  navigation → Monaco took over (cold cache): median ${ms(quantile(monaco, 0.5))} (min ${ms(monaco[0]!)}, max ${ms(monaco.at(-1)!)}); JS by then, gzip: median ${kb(quantile(jsBeforeMonaco, 0.5))}`);
    console.log(`  submit round trip (HTTP + sandbox + database, softmax, passed): p50 ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))} (n=${submits}, sequential)`);
    await context.close();
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
