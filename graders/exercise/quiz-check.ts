import { z } from "zod";
import type { QuizItem, QuizParams } from "../content/quiz";
import { createRng } from "../content/rng";
import { checkMarkdownMath } from "./katex-check";
import { PLACEHOLDER, badTerms, fillPlaceholders } from "./quiz-render";

const localized = z.object({ en: z.string().trim().min(1), ja: z.string().trim().min(1) }).strict();
const choice = z.object({ id: z.string().min(1), text: localized }).strict();
const tolerance = z
  .object({ abs: z.number().min(0).optional(), rel: z.number().min(0).optional() })
  .strict()
  .refine((t) => t.abs !== undefined || t.rel !== undefined, "give abs or rel (or both)");
const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === "function", { message: "must be a function" });
const base = { id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by -"), prompt: localized, explanation: localized };

export const quizItemSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("single"), choices: z.array(choice).min(2), answer: z.string() }).strict(),
  z.object({ ...base, type: z.literal("multi"), choices: z.array(choice).min(2), answer: z.array(z.string()).min(1) }).strict(),
  z.object({ ...base, type: z.literal("numeric"), answer: z.number().refine(Number.isFinite, "must be finite"), tolerance }).strict(),
  z.object({ ...base, type: z.literal("param-numeric"), params: fn, answer: fn, verify: fn, tolerance }).strict(),
]);

function within(a: number, b: number, tol: { abs?: number; rel?: number }): boolean {
  return Math.abs(a - b) <= (tol.abs ?? 0) + (tol.rel ?? 0) * Math.abs(b);
}

/**
 * Every problem of one quiz item, in words: schema, choice ids, KaTeX in every text, and for param-numeric items
 * that answer() agrees with the independent verify() for `seeds` seeds and that every placeholder has a parameter.
 */
export function checkQuizItem(item: QuizItem, seeds = 100): string[] {
  const parsed = quizItemSchema.safeParse(item);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
  const problems: string[] = [];
  const texts: [string, string][] = [
    ["prompt.en", item.prompt.en], ["prompt.ja", item.prompt.ja],
    ["explanation.en", item.explanation.en], ["explanation.ja", item.explanation.ja],
  ];
  if (item.type === "single" || item.type === "multi") {
    const ids = item.choices.map((c) => c.id);
    if (new Set(ids).size !== ids.length) problems.push("choice ids must be unique");
    const answers = item.type === "single" ? [item.answer] : item.answer;
    for (const a of answers) if (!ids.includes(a)) problems.push(`answer "${a}" is not a choice id`);
    if (item.type === "multi" && new Set(item.answer).size !== item.answer.length) problems.push("answer lists a choice twice");
    if (item.type === "multi" && !/select all that apply/i.test(item.prompt.en)) problems.push('prompt.en of a multi-select item must say "Select all that apply."');
    if (item.type === "multi" && !item.prompt.ja.includes("すべて選")) problems.push("prompt.ja of a multi-select item must say 「すべて選んでください」");
    for (const c of item.choices) texts.push([`choice ${c.id}.en`, c.text.en], [`choice ${c.id}.ja`, c.text.ja]);
  }
  let sample: QuizParams | undefined;
  if (item.type === "param-numeric") {
    for (let seed = 1; seed <= seeds; seed++) {
      let p: QuizParams;
      let a: number;
      let v: number;
      try {
        p = item.params(createRng(seed, item.id));
        a = item.answer(p);
        v = item.verify(p);
      } catch (error) {
        problems.push(`seed ${seed}: ${(error as Error).message}`);
        break;
      }
      sample ??= p;
      if (!Number.isFinite(a)) {
        problems.push(`seed ${seed}: answer() is ${a} for ${JSON.stringify(p)}`);
        break;
      }
      if (!within(a, v, item.tolerance)) {
        problems.push(`seed ${seed}: answer() = ${a} but verify() = ${v} for ${JSON.stringify(p)}`);
        break;
      }
      // A guess of 0 must never score: an absolute tolerance on answers that span decades accepts it.
      if (within(0, a, item.tolerance)) {
        problems.push(`seed ${seed}: the answer ${a} is within the tolerance of 0 for ${JSON.stringify(p)}, so "0" is accepted: use a relative tolerance, or draw parameters whose answer is not near 0`);
        break;
      }
      const bad = [...badTerms(fillPlaceholders(item.prompt.en, p)), ...badTerms(fillPlaceholders(item.prompt.ja, p))];
      if (bad.length > 0) {
        problems.push(`seed ${seed}: the prompt prints "${bad[0]}" for ${JSON.stringify(p)}: write signed terms as {{name|term:x}} (or {{name|lead:x}} for the first)`);
        break;
      }
    }
    for (const [where, t] of texts.slice(0, 2)) {
      for (const m of t.matchAll(PLACEHOLDER)) {
        if (sample && !(m[1]! in sample)) problems.push(`${where}: placeholder {{${m[1]}}} is not a parameter`);
      }
    }
  }
  for (const [where, t] of texts) {
    for (const mp of checkMarkdownMath(sample ? fillPlaceholders(t, sample) : t)) {
      problems.push(`${where}: KaTeX cannot render "${mp.tex}" (line ${mp.line}): ${mp.message}`);
    }
  }
  return problems;
}

/**
 * Where the keyed answers of single-choice items sit. Display order is shuffled, but the content itself should not
 * teach "it is usually (a)" to anyone reading it unshuffled (an instructor, a printed sheet): with 8 or more items,
 * no position may hold more than 40 % of the keys.
 */
export function keyedPositionProblems(items: readonly QuizItem[]): string[] {
  const counts = new Map<number, number>();
  let n = 0;
  for (const item of items) {
    if (item.type !== "single") continue;
    const at = item.choices.findIndex((c) => c.id === item.answer);
    counts.set(at, (counts.get(at) ?? 0) + 1);
    n++;
  }
  if (n < 8) return [];
  return [...counts.entries()]
    .filter(([, c]) => c > 0.4 * n)
    .map(([at, c]) => `the keyed answer is choice ${at + 1} in ${c} of ${n} single-choice items; spread the keys over the positions (at most 40 % each)`);
}
