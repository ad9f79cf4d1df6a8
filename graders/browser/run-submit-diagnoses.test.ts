import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultContentRoot } from "../exercise/catalog";
import { loadExerciseDir, readMutants, type LoadedExercise } from "../exercise/load";
import { gradeJob } from "../grade";
import { visibleRunPayload } from "../judge/visible-payload";
import type { VisibleRunPayload } from "./protocol";
import { runVisibleCases } from "./run-visible";
import { sandboxForSuite } from "../test/sandbox-suite";

/**
 * Run (the browser's worker, here in Node) and Submit (the isolate sandbox on the server) must say the same about
 * the visible cases: the exercise's own diagnose and hintsWhen included, not only the shared detectors.
 */
const root = defaultContentRoot();
const exercises: LoadedExercise[] = readdirSync(root, { withFileTypes: true })
  .filter((t) => t.isDirectory() && existsSync(path.join(root, t.name, "topic.json")))
  .flatMap((t) => readdirSync(path.join(root, t.name)).map((id) => path.join(root, t.name, id)))
  .filter((dir) => existsSync(path.join(dir, "manifest.json")))
  .map((dir) => loadExerciseDir(dir));

/**
 * Exercises whose diagnoses call their reference (cases.ts imports it), which never ships to the browser: there Run
 * may say less than Submit (the shared detectors instead of the reference-based diagnosis), with the same status.
 */
const NEEDS_REFERENCE = new Set(["cp-reconstruct", "kl-gaussians"]);

describe("Run gives Submit's exercise-specific feedback on the visible cases", () => {
  const sandbox = sandboxForSuite();

  it("for every mutant of every exercise, case by case, in English and Japanese", async () => {
    let compared = 0;
    let specific = 0;
    let specificWithoutBundle = 0;
    const mismatches: string[] = [];
    for (const ex of exercises) {
      // The payload reaches the worker through React's serialization and postMessage, which keep Infinity and NaN.
      const payload: VisibleRunPayload = structuredClone(visibleRunPayload(ex));
      expect(payload.diagnosis, `${ex.id}: no diagnosis bundle`).toBeDefined();
      expect(payload.diagnosis!.includes("__mlDojoUnavailable"), ex.id).toBe(NEEDS_REFERENCE.has(ex.id));
      for (const m of readMutants(ex)) {
        const run = runVisibleCases(payload, m.source);
        const submit = await gradeJob({ exerciseId: ex.id, code: m.source, seed: 1, scope: "submit" }, sandbox, { exercise: ex });
        const visible = submit.cases.filter((c) => c.visibility === "visible");
        expect(run.cases.map((c) => c.name)).toEqual(visible.map((c) => c.name));
        run.cases.forEach((r, i) => {
          const s = visible[i]!;
          compared++;
          const same = r.status === s.status && r.kind === s.kind && ((r.message.en === s.message.en && r.message.ja === s.message.ja) || NEEDS_REFERENCE.has(ex.id));
          if (!same) mismatches.push(`${ex.id}/${m.name} "${r.name}":\n  run:    ${r.message.en}\n  submit: ${s.message.en}`);
        });
        if (m.expect && run.cases.some((c) => c.message.en.includes(m.expect!))) specific++;
        const shared = runVisibleCases({ ...payload, diagnosis: undefined }, m.source);
        if (m.expect && shared.cases.some((c) => c.message.en.includes(m.expect!))) specificWithoutBundle++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(300);
    // Far more mutants are named on Run by their expected words than with the shared detectors alone (as before).
    expect(specific).toBeGreaterThan(specificWithoutBundle + 50);
    console.log(`run-submit-diagnoses: ${compared} visible case results compared; mutants named on Run by their expect: words: ${specific} (shared detectors only: ${specificWithoutBundle})`);
  }, 600_000);
});
