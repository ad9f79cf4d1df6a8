/**
 * npx tsx graders/bench/feedback-specificity.ts [exercise-id | topic …] [--seeds N]
 *
 * How much the feedback helps on plausible bugs: every mutant (a plausible wrong solution) is graded on N seeds and
 * each verdict is rated as in issue 14's walk-through:
 *   3 names the bug: the mutant's `// expect:` words appear, and they are not one of the generic messages
 *     (differs at …, relative error …, NaN at …, expected length …, time limit);
 *   2 localises it: it fails, and the feedback names the output and index or class, but only generically;
 *   0 a false pass.
 * It also counts verdicts that carry a specific diagnosis other than the expected one ("other diagnosis"), the
 * candidates for a misleading hint, and lists them for review. Prints the load average: figures from a busy
 * machine are not comparable.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { defaultContentRoot, loadCatalog } from "../exercise/catalog";
import { verdictFeedback } from "../exercise/check";
import { loadExerciseDir, readMutants } from "../exercise/load";
import { gradeJob } from "../grade";
import { createCliRunner } from "../cli/runner";

/** The sentences every exercise can produce; an `// expect:` made of them does not name a bug. */
const GENERIC = [/^differs at/i, /^expected/i, /^relative error/i, /^nan/i, /^-?infinity/i, /^max (abs|rel) error/i, /time limit/i, /^the result differs/i];

/** The list of usual causes that a NaN/Infinity message falls back to when the case shows none of them. */
const GENERIC_NON_FINITE = /NaN comes from 0\/0|A value overflowed \(exp/;

const isGeneric = (expect: string) => GENERIC.some((re) => re.test(expect.trim()));

/** Sentences of a verdict that are not generic: what an exercise's diagnosis, hints or checks added. */
function specificSentences(feedback: string): string[] {
  return feedback
    .split(/(?<=[.!?])\s+/)
    .filter((s) => s.length > 20 && !/differs at|max abs error|relative error [\d.e-]+ in|tolerance \||time limit|^NaN|^Infinity/i.test(s));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { seeds: { type: "string" } } });
  const seeds = Number(values.seeds ?? 3);
  const root = defaultContentRoot();
  const catalog = loadCatalog(root);
  const exercises = catalog.exercises.filter((e) => positionals.length === 0 || positionals.includes(e.id) || positionals.includes(e.topic));
  const { runner, close } = await createCliRunner({ size: 1 });
  const ratings = { 3: 0, 2: 0, 0: 0 } as Record<number, number>;
  // Failed cases with a NaN/Infinity: how many still print only the list of usual causes; crashes: how many say
  // what was being computed.
  const nonFinite = { cases: 0, generic: 0 };
  const crashes = { cases: 0, withContext: 0 };
  const others: string[] = [];
  const generic: string[] = [];
  const t0 = performance.now();
  try {
    for (const e of exercises) {
      const ex = loadExerciseDir(e.dir);
      for (const m of readMutants(ex)) {
        for (let seed = 1; seed <= seeds; seed++) {
          const v = await gradeJob({ exerciseId: ex.id, code: m.source, seed, scope: "submit" }, runner, { exercise: ex, contentRoot: root });
          const fb = verdictFeedback(v);
          for (const c of v.cases) {
            if (c.status === "passed") continue;
            if (c.kind === "non-finite") {
              nonFinite.cases++;
              if (GENERIC_NON_FINITE.test(c.message.en)) nonFinite.generic++;
            }
            if (c.kind === "runtime-error" && /threw/.test(c.message.en)) {
              crashes.cases++;
              if (/Thrown while computing/.test(c.message.en)) crashes.withContext++;
            }
          }
          let rating: number;
          if (v.status === "passed") rating = 0;
          else if (m.expect && !isGeneric(m.expect) && fb.toLowerCase().includes(m.expect.toLowerCase())) rating = 3;
          else rating = 2;
          ratings[rating] = (ratings[rating] ?? 0) + 1;
          if (rating === 2 && seed === 1) generic.push(`${ex.id}/${m.file.split("/").pop()}: expect "${m.expect}"`);
          if (rating === 3 && seed === 1) {
            const extra = specificSentences(fb).filter((s) => !s.toLowerCase().includes(m.expect!.toLowerCase()));
            if (extra.length > 0) others.push(`${ex.id}/${m.file.split("/").pop()}: ${extra[0]!.slice(0, 160)}`);
          }
        }
      }
    }
  } finally {
    await close();
  }
  const total = ratings[3]! + ratings[2]! + ratings[0]!;
  const pct = (x: number) => `${((100 * x) / Math.max(1, total)).toFixed(1)} %`;
  process.stdout.write(`${exercises.length} exercise(s), ${total} mutant verdicts (${seeds} seed(s) each), ${((performance.now() - t0) / 1000).toFixed(1)} s, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}\n`);
  process.stdout.write(`  names the bug (3): ${ratings[3]} (${pct(ratings[3]!)})\n  generic only (2): ${ratings[2]} (${pct(ratings[2]!)})\n  false pass (0):   ${ratings[0]} (${pct(ratings[0]!)})\n`);
  process.stdout.write(`  NaN/Infinity cases: ${nonFinite.cases}, with only the generic list of causes: ${nonFinite.generic}\n  crashed cases: ${crashes.cases}, saying what was being computed: ${crashes.withContext}\n`);
  if (generic.length > 0) process.stdout.write(`\nmutants whose expected feedback is generic:\n${generic.map((g) => `  ${g}`).join("\n")}\n`);
  if (others.length > 0) process.stdout.write(`\nverdicts with a further specific sentence (review for misleading hints):\n${others.map((g) => `  ${g}`).join("\n")}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
