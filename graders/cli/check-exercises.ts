/**
 * npm run exercises:check -- [exercise-id | topic …] [--seeds N] [--jobs N]
 * Proves every selected exercise (graders/exercise/check.ts) and every quiz item of the selected topics, with a
 * progress line per exercise. Names every problem; exits 1 when there is any, 2 on a usage error.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultContentRoot, loadCatalog } from "../exercise/catalog";
import { checkExercise, type CheckProblem } from "../exercise/check";
import { checkMarkdownMath } from "../exercise/katex-check";
import { checkQuizItem, keyedPositionProblems } from "../exercise/quiz-check";
import { dim, green, red } from "./format-verdict";
import { createCliRunner } from "./runner";

const USAGE = "usage: npm run exercises:check -- [exercise-id | topic …] [--seeds N] [--jobs N]";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { seeds: { type: "string" }, jobs: { type: "string" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const seeds = parsed.values.seeds === undefined ? 20 : Number(parsed.values.seeds);
  if (!Number.isInteger(seeds) || seeds < 1) {
    process.stderr.write(`--seeds must be a positive integer\n${USAGE}\n`);
    return 2;
  }
  const jobs = parsed.values.jobs === undefined ? 1 : Number(parsed.values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) {
    process.stderr.write(`--jobs must be an integer from 1 to 16\n${USAGE}\n`);
    return 2;
  }
  const root = defaultContentRoot();
  const catalog = loadCatalog(root);
  const filters = parsed.positionals;
  const known = new Set([...catalog.topics.map((t) => t.id), ...catalog.exercises.map((e) => e.id)]);
  const unknown = filters.filter((f) => !known.has(f) && !catalog.problems.some((p) => p.where.split("/").includes(f)));
  if (unknown.length > 0) {
    process.stderr.write(`unknown exercise or topic: ${unknown.join(", ")}\n${USAGE}\n`);
    return 2;
  }
  const selected = (topic: string, id?: string) => filters.length === 0 || filters.includes(topic) || (id !== undefined && filters.includes(id));
  const exercises = catalog.exercises.filter((e) => selected(e.topic, e.id));
  const topics = catalog.topics.filter((t) => filters.length === 0 || filters.includes(t.id));

  const problems: CheckProblem[] = catalog.problems
    .filter((p) => {
      const [topic, id] = p.where.split("/");
      return selected(topic ?? "", id);
    })
    .map((p) => ({ where: p.where, message: p.message }));

  const { runner, kind, close } = await createCliRunner({ size: jobs });
  process.stdout.write(dim(`checking ${exercises.length} exercise(s) and the quizzes of ${topics.length} topic(s) in ${path.relative(process.cwd(), root) || "."} · ${seeds} seeds · runner: ${kind}\n`));
  try {
    // With --jobs N, N exercises are proven at once (one grader process each); each prints its line when done.
    const tty = process.stdout.isTTY && jobs === 1;
    let next = 0;
    let done = 0;
    const work = async () => {
      while (next < exercises.length) {
        const ex = exercises[next++]!;
        const t0 = performance.now();
        let line = `${ex.topic}/${ex.id} `;
        if (tty) process.stdout.write(`[${done + 1}/${exercises.length}] ${line}`);
        const found = await checkExercise(ex.dir, {
          runner,
          seeds,
          contentRoot: root,
          progress: (step, ok) => {
            const part = ` ${step} ${ok ? green("✓") : red("✗")}`;
            if (tty) process.stdout.write(part);
            line += part;
          },
        });
        done++;
        const secs = dim(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
        process.stdout.write(tty ? secs : `[${done}/${exercises.length}] ${line}${secs}`);
        for (const p of found) process.stdout.write(`    ${red("✗")} ${p.where}: ${p.message}\n`);
        problems.push(...found);
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, Math.max(1, exercises.length)) }, work));
    for (const message of keyedPositionProblems(catalog.quizItems.filter((q) => topics.some((t) => t.id === q.topic)).map((q) => q.item))) {
      problems.push({ where: "quiz.ts (all selected topics)", message });
    }
    for (const topic of topics) {
      const items = catalog.quizItems.filter((q) => q.topic === topic.id);
      let bad = 0;
      for (const lang of ["en", "ja"] as const) {
        for (const p of checkMarkdownMath(topic.intro[lang])) {
          bad++;
          problems.push({ where: `${topic.id}/topic.json`, message: `intro.${lang} line ${p.line}: KaTeX cannot render "${p.tex}": ${p.message}` });
        }
      }
      for (const q of items) {
        for (const message of checkQuizItem(q.item)) {
          bad++;
          problems.push({ where: `${topic.id}/quiz.ts#${q.id}`, message });
        }
      }
      process.stdout.write(`quiz ${topic.id}: ${items.length} item(s) ${bad === 0 ? green("✓") : red(`✗ ${bad} problem(s)`)}\n`);
    }
  } finally {
    await close();
  }
  if (problems.length === 0) {
    process.stdout.write(green(`all good: ${exercises.length} exercise(s), ${topics.length} quiz topic(s)\n`));
    return 0;
  }
  process.stdout.write(red(`\n${problems.length} problem(s):\n`));
  for (const p of problems) process.stdout.write(`  ${p.where}: ${p.message}\n`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`exercises:check: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
