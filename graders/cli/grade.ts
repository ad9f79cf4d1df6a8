/**
 * npm run grade -- <exercise-id> <solution.ts> [--seed N] [--json] [--run] [--ja]
 * Exit codes: 0 every case passed; 1 a case failed (wrong values, crashes, limits, compile errors);
 * 2 usage error or unknown exercise; 3 the grader itself failed (an ERROR verdict: not the solution's fault).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultContentRoot } from "../exercise/catalog";
import { findExerciseDir } from "../exercise/load";
import { gradeJob } from "../grade";
import { formatVerdict } from "./format-verdict";
import { createCliRunner } from "./runner";

const USAGE = `usage: npm run grade -- <exercise-id> <solution.ts> [--seed N] [--json] [--run] [--ja]
  --seed N   seed of the hidden cases (default 1); the same seed reproduces the same verdict
  --json     print the verdict as JSON
  --run      visible cases only, as the editor's Run button
  --ja       messages in Japanese`;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { seed: { type: "string" }, json: { type: "boolean" }, run: { type: "boolean" }, ja: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 2) usage(`expected an exercise id and a solution file, got ${positionals.length} argument(s)`);
  const [exerciseId, file] = positionals as [string, string];
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) usage(`--seed must be an integer between 0 and 4294967295, got "${values.seed}"`);
  const root = defaultContentRoot();
  if (!findExerciseDir(exerciseId, root)) usage(`unknown exercise "${exerciseId}" (looked in ${root})`);
  let code: string;
  try {
    code = readFileSync(path.resolve(file), "utf8");
  } catch (error) {
    usage(`cannot read the solution "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }

  const { runner, close } = await createCliRunner();
  try {
    const verdict = await gradeJob({ exerciseId, code, seed, scope: values.run ? "run" : "submit" }, runner, { contentRoot: root });
    process.stdout.write(values.json ? `${JSON.stringify(verdict, null, 2)}\n` : `${formatVerdict(verdict, values.ja ? "ja" : "en")}\n`);
    return verdict.status === "passed" ? 0 : verdict.status === "failed" ? 1 : 3;
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`grade: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(3);
  },
);
