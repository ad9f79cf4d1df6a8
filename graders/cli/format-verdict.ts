import type { Locale } from "../text";
import type { Verdict } from "../verdict";

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
export const green = (s: string) => paint("32", s);
export const red = (s: string) => paint("31", s);
export const yellow = (s: string) => paint("33", s);
export const dim = (s: string) => paint("2", s);

const MARK = { passed: green("✓"), failed: red("✗"), suspicious: yellow("~") } as const;

/** A verdict as a person reads it in a terminal: one line per case, the failure's message indented below. */
export function formatVerdict(v: Verdict, locale: Locale = "en"): string {
  const lines: string[] = [];
  const head = v.status === "passed" ? green("PASSED") : v.status === "failed" ? red("FAILED") : yellow("ERROR");
  lines.push(`${head}  ${v.exerciseId}  score ${(v.score * 100).toFixed(1)}%  seed ${v.seed}`);
  if (v.message) lines.push(`  ${v.message[locale]}`);
  if (v.summary) lines.push(`  ${v.summary[locale]}`);
  for (const c of v.cases) {
    const ms = c.ms !== undefined ? dim(` ${c.ms.toFixed(1)} ms`) : "";
    const hidden = c.visibility === "hidden" ? dim(" (hidden)") : "";
    lines.push(`${MARK[c.status]} ${c.label[locale]}${hidden}${ms}`);
    if (c.status !== "passed" && c.message[locale]) lines.push(`    ${c.message[locale]}`);
    if (c.status !== "passed" && c.details?.input) lines.push(dim(`    input: ${c.details.input}`));
  }
  if (v.console.text) {
    lines.push(dim("console:"));
    lines.push(v.console.text.trimEnd().split("\n").map((l) => `  ${l}`).join("\n") + (v.console.truncated ? dim("\n  … (truncated)") : ""));
  }
  const passed = v.cases.filter((c) => c.status === "passed").length;
  lines.push(dim(`${passed}/${v.cases.length} cases passed · transpile ${v.timings.transpileMs.toFixed(0)} ms · run ${v.timings.runMs.toFixed(0)} ms · total ${v.timings.totalMs} ms`));
  return lines.join("\n");
}
