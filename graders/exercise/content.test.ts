import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuizItem } from "../content/quiz";
import type { SandboxRunner } from "../grade";
import { createGraderPool, type GraderPool } from "../supervisor/pool";
import { loadCatalog } from "./catalog";
import { checkExercise } from "./check";
import { checkMarkdownMath } from "./katex-check";
import { checkQuizItem } from "./quiz-check";

/**
 * The generic content checks, over the real exercises/ tree: every text renders with KaTeX (throwOnError), every
 * quiz item validates and its answer agrees with an independent computation for 100 seeds, and every exercise
 * passes the same proof as `npm run exercises:check` (with fewer seeds; the command runs 20).
 */
const contentRoot = path.resolve(__dirname, "../../exercises");
const catalog = loadCatalog(contentRoot);

describe("the content tree", () => {
  it("loads without problems", () => {
    expect(catalog.problems).toEqual([]);
    expect(catalog.exercises.length).toBeGreaterThan(0);
  });

  it.each(catalog.topics.map((t) => [t.id, t] as const))("topic %s: intro renders with KaTeX", (_id, topic) => {
    expect(checkMarkdownMath(topic.intro.en)).toEqual([]);
    expect(checkMarkdownMath(topic.intro.ja)).toEqual([]);
  });

  it.each(catalog.exercises.map((e) => [e.id, e] as const))("exercise %s: both statements render with KaTeX", (_id, ex) => {
    expect(checkMarkdownMath(ex.statement.en)).toEqual([]);
    expect(checkMarkdownMath(ex.statement.ja)).toEqual([]);
  });

  const quiz = catalog.quizItems.map((q) => [q.id, q.item] as const);
  it.skipIf(quiz.length === 0).each(quiz)("quiz item %s validates (param-numeric: 100 seeds)", (_id, item) => {
    expect(checkQuizItem(item, 100)).toEqual([]);
  });
});

describe("every exercise is proven in the sandbox", () => {
  let pool: GraderPool;
  let runner: SandboxRunner;
  beforeAll(async () => {
    pool = createGraderPool({ size: 1, log: () => {} });
    await pool.ready();
    runner = (job) => pool.runSandbox(job);
  });
  afterAll(async () => {
    await pool?.close();
  });

  it.each(catalog.exercises.map((e) => [`${e.topic}/${e.id}`, e.dir] as const))(
    "%s: reference passes, starter fails, every mutant is rejected with its expected feedback",
    async (_id, dir) => {
      expect(await checkExercise(dir, { runner, seeds: 3, contentRoot })).toEqual([]);
    },
  );
});

describe("the checks themselves can fail", () => {
  it("names a formula KaTeX cannot render, with its line, and ignores code", () => {
    const problems = checkMarkdownMath("fine $x^2$\n\n`$not math$`\n\n$$\\frac{a$$ and $\\notacommand$");
    expect(problems.map((p) => p.line)).toEqual([5, 5]);
    expect(checkMarkdownMath("price \\$5 and $a$")).toEqual([]);
    expect(checkMarkdownMath("open $x")[0]?.message).toBe("unclosed $");
  });

  it("rejects a param-numeric item whose answer disagrees with its verification", () => {
    const item: QuizItem = {
      id: "bad-item",
      type: "param-numeric",
      prompt: { en: "What is $-\\log p$ for p = {{p}}?", ja: "p = {{p}} のとき $-\\log p$ は？" },
      explanation: { en: "CE of a one-hot target.", ja: "one-hot ターゲットの交差エントロピーです。" },
      params: (rng) => ({ p: rng.uniform(0.01, 1) }),
      answer: (p) => -Math.log10(p.p as number),
      verify: (p) => -Math.log(p.p as number),
      tolerance: { rel: 1e-6 },
    };
    expect(checkQuizItem(item)[0]).toMatch(/^seed 1: answer\(\) = .* but verify\(\) = /);
    const single: QuizItem = { id: "s", type: "single", prompt: { en: "?", ja: "？" }, explanation: { en: ".", ja: "。" }, choices: [{ id: "a", text: { en: "A", ja: "A" } }, { id: "b", text: { en: "B", ja: "B" } }], answer: "c" };
    expect(checkQuizItem(single)).toEqual(['answer "c" is not a choice id']);
  });

  it("names every problem of a broken exercise", async () => {
    const { localRunner } = await import("../browser/local-runner");
    const brokenRoot = path.resolve(__dirname, "../test/fixtures/broken-exercises");
    const problems = await checkExercise(path.join(brokenRoot, "broken/fx-check-fails"), { runner: localRunner, seeds: 2, contentRoot: brokenRoot });
    const text = problems.map((p) => `${p.where}: ${p.message}`);
    expect(text).toEqual(expect.arrayContaining([
      expect.stringMatching(/statement\.en\.md: line 1: KaTeX cannot render/),
      expect.stringMatching(/cases\.ts: has 2 visible cases/),
      expect.stringMatching(/cases\.ts: hidden cases differ between two draws with the same seed/),
      expect.stringMatching(/starter\.ts: the starter passes every case/),
      expect.stringMatching(/mutants\/same-as-reference\.ts: the mutant passes every case/),
      expect.stringMatching(/mutants\/no-expect-line\.ts: the first line must be/),
      expect.stringMatching(/mutants\/wrong-words\.ts: rejected(?: with seed \d+)?, but the feedback lacks "subtract the max"/),
    ]));
  });

  it("catches a stated expected value that disagrees with the reference, and a reference that throws", async () => {
    const { localRunner } = await import("../browser/local-runner");
    const brokenRoot = path.resolve(__dirname, "../test/fixtures/broken-exercises");
    const problems = await checkExercise(path.join(brokenRoot, "broken/fx-ref-throws"), { runner: localRunner, seeds: 1, contentRoot: brokenRoot });
    const text = problems.map((p) => `${p.where}: ${p.message}`);
    expect(text).toEqual(expect.arrayContaining([
      expect.stringMatching(/cases\.ts: visible case "three": the stated expected value disagrees with the reference: differs at \[2\]: expected 4, got 3/),
      expect.stringMatching(/cases\.ts: the reference solution threw on "ident": reference bug on long inputs/),
    ]));
  });
});
