import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gradeJob, type SandboxRunner } from "../grade";
import { checkStructure, closeFailure, compareClose } from "../compare";
import { referenceOutput, prepareCases } from "../judge/prepare";
import type { Verdict } from "../verdict";
import { duplicatedParagraphs } from "../feedback/dedupe";
import { checkMarkdownMath } from "./katex-check";
import { loadExerciseDir, readMutants, type LoadedExercise } from "./load";

export interface CheckProblem {
  /** e.g. "softmax/softmax/mutants/no-max.ts" */
  where: string;
  message: string;
}

export interface CheckProgress {
  (step: string, ok: boolean): void;
}

export interface ExerciseCheckOptions {
  runner: SandboxRunner;
  /** Seeds for which the reference must pass every case; exercises:check uses 20. */
  seeds: number;
  contentRoot: string;
  progress?: CheckProgress;
}

/** Every English sentence a learner would read for this verdict. */
export function verdictFeedback(v: Verdict): string {
  const parts: string[] = [];
  if (v.message) parts.push(v.message.en);
  if (v.compileError) parts.push(v.compileError.message);
  for (const c of v.cases) if (c.status !== "passed") parts.push(c.message.en);
  return parts.join("\n");
}

function firstFailure(v: Verdict): string {
  if (v.status === "error" || v.compileError || v.message) return v.message?.en ?? "ERROR verdict";
  const c = v.cases.find((k) => k.status !== "passed");
  if (!c) return "";
  return `case "${c.name}" (${c.visibility}) ${c.status}: ${c.message.en}`;
}

function signatureProblems(ex: LoadedExercise): string[] {
  return ex.manifest.exports
    .filter((name) => !new RegExp(`\\b(function|class|const|let)\\s+${name.replace(/\$/g, "\\$")}\\b`).test(ex.manifest.signature))
    .map((name) => `manifest.signature does not declare the export "${name}"`);
}

/**
 * A visible case's stated `expected` (the curriculum's exact numbers) must agree with the reference within the
 * case's tolerance; in invariant mode the exercise's own properties decide, with the reference's output as "got".
 */
function statedExpectedProblems(ex: LoadedExercise): string[] {
  const problems: string[] = [];
  for (const v of ex.cases.visible) {
    if (v.expected === undefined) continue;
    const call = v.call ?? ex.manifest.exports[0]!;
    const tolerance = { ...ex.manifest.tolerance, ...v.tolerance };
    let got: unknown;
    try {
      got = referenceOutput(ex, call, v.args);
    } catch (error) {
      problems.push(`visible case "${v.name}": ${(error as Error).message}`);
      continue;
    }
    const issue = checkStructure(v.expected, got);
    if (issue) {
      problems.push(`visible case "${v.name}": the reference's output does not have the structure of the stated expected value: ${issue.message.en}`);
      continue;
    }
    if (ex.manifest.mode === "invariant" && ex.cases.check) {
      const failed = ex.cases.check({ call, args: structuredClone(v.args), got, expected: v.expected, tolerance }).filter((r) => !r.ok);
      if (failed.length > 0) problems.push(`visible case "${v.name}": the reference fails the properties against the stated expected value: ${failed[0]!.message.en}`);
      continue;
    }
    const report = compareClose(v.expected, got, tolerance);
    if (!report.ok) problems.push(`visible case "${v.name}": the stated expected value disagrees with the reference: ${closeFailure(report, tolerance, true).message.en}`);
  }
  return problems;
}

/**
 * Proves one exercise: statements render, cases load and are reproducible from the seed, the reference passes
 * every case for `seeds` seeds, the starter fails, every mutant is rejected with its `// expect:` words.
 */
export async function checkExercise(dir: string, opts: ExerciseCheckOptions): Promise<CheckProblem[]> {
  const rel = path.relative(opts.contentRoot, dir).split(path.sep).join("/");
  const problems: CheckProblem[] = [];
  const report = (where: string, message: string) => problems.push({ where: where ? `${rel}/${where}` : rel, message });
  const step = (name: string, ok: boolean) => opts.progress?.(name, ok);

  for (const lang of ["en", "ja"] as const) {
    const file = path.join(dir, `statement.${lang}.md`);
    if (!existsSync(file)) {
      report(`statement.${lang}.md`, "missing statement");
      continue;
    }
    const md = readFileSync(file, "utf8");
    if (md.trim() === "") report(`statement.${lang}.md`, "the statement is empty");
    for (const p of checkMarkdownMath(md)) report(`statement.${lang}.md`, `line ${p.line}: KaTeX cannot render "${p.tex}": ${p.message}`);
  }
  step("statements", problems.length === 0);

  let ex: LoadedExercise;
  try {
    ex = loadExerciseDir(dir);
  } catch (error) {
    report("", (error as Error).message);
    step("load", false);
    return problems;
  }
  for (const p of signatureProblems(ex)) report("manifest.json", p);
  if (ex.cases.visible.length < 3) report("cases.ts", `has ${ex.cases.visible.length} visible cases; every exercise needs at least 3`);
  if (ex.cases.hidden.length < 1) report("cases.ts", "has no hidden case class");
  for (const v of ex.cases.visible) if (v.args.length === 0 && !ex.cases.driver) report("cases.ts", `visible case "${v.name}" has no arguments`);
  const names = ex.cases.hidden.map((h) => h.name);
  if (new Set(names).size !== names.length) report("cases.ts", "two hidden classes share a name; names key the seeded streams and analytics");

  const stated = statedExpectedProblems(ex);
  for (const p of stated) report("cases.ts", p);
  step("expected values", stated.length === 0);

  // Hidden inputs must follow from the seed alone.
  try {
    const a = JSON.stringify(prepareCases(ex, 12345, "submit").map((c) => c.args));
    const b = JSON.stringify(prepareCases(ex, 12345, "submit").map((c) => c.args));
    if (a !== b) report("cases.ts", "hidden cases differ between two draws with the same seed: generators must use only the rng they are given (no Math.random)");
  } catch (error) {
    report("cases.ts", (error as Error).message);
    step("cases", false);
    return problems;
  }
  step("cases", true);

  const grade = (code: string, seed: number) => gradeJob({ exerciseId: ex.id, code, seed, scope: "submit" }, opts.runner, { exercise: ex, contentRoot: opts.contentRoot });

  const referenceSource = readFileSync(path.join(dir, "reference.ts"), "utf8");
  const seen = new Set<string>();
  let refOk = true;
  for (let seed = 1; seed <= opts.seeds; seed++) {
    const v = await grade(referenceSource, seed);
    if (v.status !== "passed") {
      refOk = false;
      const why = firstFailure(v);
      if (!seen.has(why)) {
        seen.add(why);
        report("reference.ts", `fails with seed ${seed}: ${why}`);
      }
    }
  }
  step(`reference ×${opts.seeds}`, refOk);

  const starterFile = path.join(dir, "starter.ts");
  if (!existsSync(starterFile)) {
    report("starter.ts", "missing starter");
    step("starter", false);
  } else {
    const v = await grade(readFileSync(starterFile, "utf8"), 1);
    if (v.status === "passed") report("starter.ts", "the starter passes every case; it must fail (return zeros or throw \"not implemented\")");
    else if (v.status === "error") report("starter.ts", `the starter produced an ERROR verdict: ${v.message?.en ?? ""}`);
    else if (v.compileError) report("starter.ts", `the starter does not compile: ${v.compileError.message}`);
    else if (v.message) report("starter.ts", `the starter does not load: ${v.message.en}`);
    for (const d of duplicatedParagraphs(v).slice(0, 1)) report("starter.ts", `the starter's verdict prints a paragraph more than once: "${d.slice(0, 160)}"`);
    step("starter", v.status === "failed" && !v.compileError && !v.message);
  }

  const mutants = readMutants(ex);
  if (mutants.length < 2) report("mutants", `has ${mutants.length} mutants; every exercise needs at least 2`);
  // Every learner must meet the mistake, whatever their seed: a mutant is proven on several seeds, not one.
  const mutantSeeds = Math.min(opts.seeds, 5);
  let caught = 0;
  for (const m of mutants) {
    if (!m.expect) report(m.file, "the first line must be `// expect: <words of the feedback>`");
    let ok = Boolean(m.expect);
    for (let seed = 1; seed <= mutantSeeds && ok; seed++) {
      const v = await grade(m.source, seed);
      const onSeed = mutantSeeds > 1 ? ` with seed ${seed}` : "";
      ok = false;
      if (v.status === "passed") report(m.file, `the mutant passes every case${onSeed}: add a case that rejects it for every seed`);
      else if (v.status === "error") report(m.file, `the mutant produced an ERROR verdict${onSeed}: ${v.message?.en ?? ""}`);
      else if (v.compileError) report(m.file, `the mutant does not compile (${v.compileError.message}); a mutant is a complete solution with one plausible mistake`);
      else if (m.expect && !verdictFeedback(v).toLowerCase().includes(m.expect.toLowerCase())) {
        report(m.file, `rejected${onSeed}, but the feedback lacks "${m.expect}". It said: ${firstFailure(v).slice(0, 400)}`);
      } else if (duplicatedParagraphs(v).length > 0) {
        report(m.file, `the verdict${onSeed} prints a paragraph more than once: "${duplicatedParagraphs(v)[0]!.slice(0, 160)}"`);
      } else ok = true;
    }
    if (ok) caught++;
  }
  step(`mutants ${caught}/${mutants.length}`, caught === mutants.length && mutants.length >= 2);
  return problems;
}
