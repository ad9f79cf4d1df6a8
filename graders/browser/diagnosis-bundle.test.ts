import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultContentRoot } from "../exercise/catalog";
import { loadExerciseDir } from "../exercise/load";
import { browserCasesSource, diagnosisBundle } from "./diagnosis-bundle";
import { loadRunDiagnosis } from "./diagnosis-module";

const root = defaultContentRoot();
const dirs = readdirSync(root, { withFileTypes: true })
  .filter((t) => t.isDirectory() && existsSync(path.join(root, t.name, "topic.json")))
  .flatMap((t) => readdirSync(path.join(root, t.name)).map((id) => path.join(root, t.name, id)))
  .filter((dir) => existsSync(path.join(dir, "manifest.json")));

/** Lines of the reference that say something (not braces, imports or short lines shared with cases.ts). */
function telltaleLines(reference: string, cases: string): string[] {
  return reference.split("\n").map((l) => l.trim()).filter((l) => l.length >= 30 && !l.startsWith("//") && !l.startsWith("*") && !l.startsWith("import ") && !cases.includes(l));
}

describe("the Run diagnosis bundle", () => {
  it("carries no hidden class, generator or reference code, for every exercise", () => {
    expect(dirs.length).toBeGreaterThan(40);
    for (const dir of dirs) {
      const ex = loadExerciseDir(dir);
      const bundle = diagnosisBundle(ex);
      expect(bundle, ex.id).toBeDefined();
      const loaded = loadRunDiagnosis(bundle!);
      expect(loaded?.visible.map((v) => v.name), ex.id).toEqual(ex.cases.visible.map((v) => v.name));
      expect(bundle, ex.id).not.toMatch(/\bgenerate\s*[:(]/);
      expect(bundle, ex.id).not.toMatch(/\bnumericGradient\s*[:(]\s*\(/);
      const reference = readFileSync(path.join(dir, "reference.ts"), "utf8");
      for (const line of telltaleLines(reference, readFileSync(path.join(dir, "cases.ts"), "utf8"))) expect(bundle, `${ex.id}: ${line}`).not.toContain(line);
      for (const h of ex.cases.hidden) expect(loaded?.hidden ?? [], ex.id).not.toContainEqual(expect.objectContaining({ name: h.name }));
    }
  });

  it("turns a reference import into a function that throws, and keeps the authoring kit and linalg", () => {
    const dir = path.join(root, "probability", "kl-gaussians");
    const src = browserCasesSource(readFileSync(path.join(dir, "cases.ts"), "utf8"), dir)!;
    expect(src).not.toContain('from "./reference"');
    expect(src).toContain("const klGaussians = __mlDojoUnavailable;");
    expect(src).toContain('from "ml-dojo:content"');
    expect(src).toMatch(/hidden: \[\]/);
  });

  it("bundles the test fixtures too (the authoring kit found wherever the content tree sits)", () => {
    const fixture = loadExerciseDir(path.resolve(__dirname, "../test/fixtures/exercises/fixture/fx-softmax"));
    const loaded = loadRunDiagnosis(diagnosisBundle(fixture)!);
    expect(loaded?.visible.length).toBe(fixture.cases.visible.length);
  });

  it("refuses a cases.ts whose default export is not an object literal (fail closed: Run keeps the shared detectors)", () => {
    expect(browserCasesSource("const c = {}; export default c;", "/x")).toBeUndefined();
  });
});
