/**
 * Figures of the exercise page, measured against the production build on this machine (prints, never asserts):
 *   1. first-load JS of /exercises/softmax: the <script> files of the server-rendered HTML, gzip -9 sizes; the
 *      editor chunk and Monaco (/vs/…) load lazily afterwards and are reported separately;
 *   2. time from navigation to an editable editor: the plain text box (interactive before Monaco) and Monaco;
 *   3. Submit round trip for softmax through HTTP, the sandbox and the database: p50 and p95.
 * Usage: npx tsx scripts/measure-exercise-page.ts [--runs 5] [--submits 40]
 */
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

    const lazy = { files: 0, gzip: 0 };
    const textBox: number[] = [];
    const monaco: number[] = [];
    for (let i = 0; i < runs; i++) {
      const p = await context.newPage();
      if (i === 0) {
        p.on("response", async (r) => {
          const url = new URL(r.url());
          if (!url.pathname.startsWith("/vs/") || r.request().resourceType() !== "script") return;
          try {
            lazy.files++;
            lazy.gzip += gzipSync(await r.body(), { level: 9 }).length;
          } catch {
            // a response without a body (redirect, aborted): not part of the editor
          }
        });
      }
      const t0 = Date.now();
      await p.goto(`${app.url}/exercises/softmax`, { waitUntil: "commit" });
      await p.locator('[data-hydrated="true"]').waitFor({ state: "attached", timeout: 120_000 });
      textBox.push(Date.now() - t0);
      await p.locator('[data-editor-ready="true"] .monaco-editor .view-lines').waitFor({ state: "visible", timeout: 120_000 });
      monaco.push(Date.now() - t0);
      await p.close();
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
    textBox.sort((a, b) => a - b);
    monaco.sort((a, b) => a - b);

    console.log("\nexercise page (/exercises/softmax), production build, this machine:");
    console.log(`  first-load JS: ${js.files} files, ${kb(js.raw)} raw, ${kb(js.gzip)} gzip (target ≤ 250 KB gzip)`);
    console.log(`  lazily loaded Monaco (/vs scripts, first visit): ${lazy.files} files, ${kb(lazy.gzip)} gzip — not part of first load`);
    console.log(`  navigation → interactive page (text box editable): median ${ms(quantile(textBox, 0.5))} (n=${runs}, min ${ms(textBox[0]!)}, max ${ms(textBox.at(-1)!)})`);
    console.log(`  navigation → editable Monaco:   median ${ms(quantile(monaco, 0.5))} (n=${runs}, min ${ms(monaco[0]!)}, max ${ms(monaco.at(-1)!)}); first visit includes the cold /vs load`);
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
