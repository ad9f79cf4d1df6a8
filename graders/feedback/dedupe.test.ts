import { describe, expect, it } from "vitest";
import type { CaseResult, Verdict } from "../verdict";
import { dedupeParagraphs, duplicatedParagraphs } from "./dedupe";

const hint = "The logits here are near 1000: e^z overflows to Infinity in float64 beyond z ≈ 709.78.";
const hintJa = "このケースのロジットは 1000 付近です。float64 では z ≈ 709.78 を超えると e^z は Infinity にオーバーフローします。";

function failed(i: number): CaseResult {
  return { name: "large logits", label: { en: `large logits ${i}`, ja: `大きなロジット ${i}` }, visibility: "hidden", weight: 1, status: "failed", kind: "non-finite", message: { en: `NaN at [${i}]. ${hint}`, ja: `[${i}] が NaN です。${hintJa}` } };
}

const verdict = (): Verdict => ({ version: 1, status: "failed", score: 0, exerciseId: "softmax", contentHash: "", seed: 1, cases: [failed(0), failed(1), failed(2)], console: { text: "", truncated: false }, timings: { transpileMs: 0, runMs: 0, totalMs: 0 } });

describe("one paragraph, once per verdict", () => {
  it("does not end a sentence at e.g. or i.e.", () => {
    const long = "Your output is exactly twice the right value (a factor 2, e.g. from summing a term twice, i.e. a slip).";
    const v = verdict();
    v.cases.forEach((c) => (c.message.en = long));
    expect(dedupeParagraphs(v).cases[1]!.message.en).toBe("(The same advice as above applies.)");
  });

  it("the lint finds a paragraph repeated over cases", () => {
    expect(duplicatedParagraphs(verdict())).toEqual([hint]);
  });

  it("keeps the first, refers back in the later cases, and keeps each case's own facts", () => {
    const v = dedupeParagraphs(verdict());
    expect(duplicatedParagraphs(v)).toEqual([]);
    expect(v.cases[0]!.message.en).toBe(`NaN at [0]. ${hint}`);
    expect(v.cases[2]!.message.en).toBe("NaN at [2]. (The same advice as above applies.)");
    expect(v.cases[2]!.message.ja).toBe("[2] が NaN です。（上と同じ助言があてはまります。）");
  });
});

describe("the verdict's summary", () => {
  it("names the failed classes with counts and the outputs that differ", async () => {
    const { polishVerdict } = await import("./dedupe");
    const v = verdict();
    v.cases.push({ name: "three logits", label: { en: "three logits", ja: "3 つのロジット" }, visibility: "visible", weight: 1, status: "passed", message: { en: "", ja: "" } });
    v.cases[0]!.details = { index: ["storage"] };
    expect(polishVerdict(v).summary?.en).toBe("3 of 4 cases failed; hidden classes: “large logits 0” (3/3); outputs that differ: storage.");
  });
});
