import { describe, expect, it } from "vitest";
import { createRng } from "../content/rng";
import { describeRelations, relationOf } from "./relations";

const rng = createRng(3, "relations");
const vec = (n: number) => rng.vector(n, (r) => r.normal(0, 2));
const mat = (m: number, n: number) => rng.matrix(m, n);

describe("relation detectors", () => {
  it("name each relation on an output built from it", () => {
    const e = vec(6);
    const X = mat(5, 3);
    expect(relationOf(e, e.map((x) => 2 * x), [])?.en).toMatch(/twice/);
    expect(relationOf(e, e.map((x) => x / 2), [])?.en).toMatch(/half/);
    expect(relationOf(e, e.map((x) => -x), [])?.en).toMatch(/flipped sign/);
    expect(relationOf(e, e.map((x) => x * 5), [X])?.en).toMatch(/5 times the right value, the number of rows/);
    expect(relationOf(e, e.map((x) => x * 1.7), [])?.en).toMatch(/1\.7 times the right value everywhere/);
    // A factor that shows as 1 is no factor: a one-sided difference is off by about 1e−5 relative, not "1 times".
    expect(relationOf(e, e.map((x) => x * (1 + 1e-5)), [])?.en ?? "").not.toMatch(/times the right value/);
    expect(relationOf(e, e.map((x) => x / 5), [X])?.en).toMatch(/divided by the number of rows/);
    expect(relationOf(e, e.map((x) => x + Math.log(6)), [e])?.en).toMatch(/too large by exactly ln n/);
    expect(relationOf(-12.5, -12.5 + 3 * 0.5 * Math.log(2 * Math.PI), [])?.en).toMatch(/3·½·log 2π/);
    const p = [0.2, 0.3, 0.5];
    expect(relationOf(p, p.map(Math.log), [])?.en).toMatch(/log of the right value/);
    const S = mat(4, 4);
    expect(relationOf(S, S.map((r, i) => r.map((_, j) => S[j]![i]!)), [])?.en).toMatch(/transpose/);
    expect(relationOf([1, -2, 3, -4], [1, 2, 3, 4], [])?.en).toMatch(/every sign made positive/);
    expect(relationOf([19, 22, 43, 50], [19, 43, 22, 50], [])?.en).toMatch(/right values in a different order/);
  });

  it("name nothing on outputs that match no relation (random errors), and nothing on a right output", () => {
    const shapes = [1, 2, 3, 10, 100];
    for (let t = 0; t < 400; t++) {
      const n = shapes[t % shapes.length]!;
      const e = vec(n);
      const g = e.map((x) => x + rng.normal(0, 1e-2) * (1 + Math.abs(x)));
      if (n > 1) expect(relationOf(e, g, [e]), JSON.stringify({ e, g })).toBeUndefined();
      // One wrong entry is no relation either.
      const one = e.slice();
      one[rng.int(0, n - 1)]! += 0.5;
      if (n > 2) expect(relationOf(e, one, [e])).toBeUndefined();
      expect(relationOf(e, e.slice(), [e])).toBeUndefined();
    }
  });

  it("says field by field which outputs are right, only next to a relation that holds", () => {
    const dQ = mat(3, 3);
    const dK = mat(3, 3);
    const dV = mat(3, 3);
    const scaled = describeRelations({ args: [], expected: { dQ, dK, dV }, got: { dQ, dK: dK.map((r) => r.map((x) => 2 * x)), dV } });
    expect(scaled?.en).toBe("`dK` is exactly twice the right value: a factor 2 too many (a ½ dropped, a term counted twice, or a step of h where 2h belongs). (`dQ`, `dV` are right.)");
    const noisy = describeRelations({ args: [], expected: { dQ, dK, dV }, got: { dQ, dK: dK.map((r) => r.map((x) => x + 0.01 * x * x + 0.003)), dV } });
    expect(noisy).toBeUndefined();
  });
});
