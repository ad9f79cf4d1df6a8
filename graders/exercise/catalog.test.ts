import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "./catalog";
import { loadTsModule } from "./ts-module";

const repoGraders = path.resolve(__dirname, "..");

function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
}

const manifest = (id: string, topic: string) =>
  JSON.stringify({
    id, topic, order: 1, title: { en: "T", ja: "T" }, exports: ["f"], signature: "export function f(): number;",
    mode: "allclose", tolerance: { rtol: 1e-9, atol: 1e-12 },
  });

describe("loadCatalog", () => {
  it("reads topics, exercises and quiz items, and reports broken content without dropping the rest", () => {
    const root = mkdtempSync(path.join(tmpdir(), "catalog-"));
    writeTree(root, {
      "t1/topic.json": JSON.stringify({ id: "t1", order: 2, title: { en: "One", ja: "一" }, intro: { en: "i", ja: "i" } }),
      "t0/topic.json": JSON.stringify({ id: "t0", order: 1, title: { en: "Zero", ja: "零" }, intro: { en: "i", ja: "i" } }),
      "t1/good/manifest.json": manifest("good", "t1"),
      "t1/good/statement.en.md": "Compute $x$.",
      "t1/good/statement.ja.md": "$x$ を計算する。",
      "t1/wrong-folder/manifest.json": manifest("other", "t1"),
      "t1/no-statement/manifest.json": manifest("no-statement", "t1"),
      "t1/no-statement/statement.en.md": "x",
      "t1/quiz.ts": `import { defineQuiz, text } from ${JSON.stringify(path.join(repoGraders, "content"))};
        export default defineQuiz([{ id: "q1", type: "numeric", prompt: text("1+1?", "1+1は?"), answer: 2, tolerance: { abs: 0 }, explanation: text("two", "二") }]);`,
    });
    const catalog = loadCatalog(root);
    expect(catalog.topics.map((t) => t.id)).toEqual(["t0", "t1"]);
    expect(catalog.exercises.map((e) => e.id)).toEqual(["good"]);
    expect(catalog.exercises[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(catalog.quizItems.map((q) => q.id)).toEqual(["q1"]);
    expect(catalog.problems.map((p) => p.where).sort()).toEqual(["t1/no-statement/statement.ja.md", "t1/wrong-folder/manifest.json"]);
  });

  it("changes an exercise's content hash when one of its files changes", () => {
    const root = mkdtempSync(path.join(tmpdir(), "catalog-"));
    writeTree(root, {
      "t/topic.json": JSON.stringify({ id: "t", order: 1, title: { en: "T", ja: "T" }, intro: { en: "i", ja: "i" } }),
      "t/e/manifest.json": manifest("e", "t"),
      "t/e/statement.en.md": "a",
      "t/e/statement.ja.md": "a",
    });
    const before = loadCatalog(root).exercises[0]!.contentHash;
    expect(loadCatalog(root).exercises[0]!.contentHash).toBe(before);
    writeFileSync(path.join(root, "t/e/statement.en.md"), "b");
    expect(loadCatalog(root).exercises[0]!.contentHash).not.toBe(before);
  });
});

describe("loadTsModule", () => {
  it("loads TypeScript with relative imports and the linalg helpers", () => {
    const root = mkdtempSync(path.join(tmpdir(), "tsmod-"));
    writeTree(root, {
      "dep.ts": "export const two: number = 2;",
      "main.ts": `import { two } from "./dep"; import { eye } from "linalg";
        export default function f(n: number): number { return eye(n).length * two; }`,
    });
    const mod = loadTsModule(path.join(root, "main.ts"));
    expect((mod.default as (n: number) => number)(3)).toBe(6);
  });
});
