import { describe, expect, it } from "vitest";
import { centralDiff, createRng, gradientRelativeError } from "../../graders/content";
import { inverseGrad } from "./inverse-grad/reference";
import cases from "./inverse-grad/cases";

/**
 * inverseGrad against central differences of a forward pass written here with its own Gauss–Jordan inverse
 * (independent of linalg's inv), the identity d(X⁻¹) = −X⁻¹ dX X⁻¹ on a random direction, and the special case
 * G = I: the gradient of tr(X⁻¹) is −(X⁻²)ᵀ.
 */
type M = number[][];

/** Gauss–Jordan with partial pivoting. */
function gaussJordanInverse(X: M): M {
  const n = X.length;
  const a = X.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const pivot = a[c]![c]!;
    a[c] = a[c]!.map((v) => v / pivot);
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      a[r] = a[r]!.map((v, j) => v - f * a[c]![j]!);
    }
  }
  return a.map((row) => row.slice(n));
}

const mul = (A: M, B: M): M => A.map((r) => B[0]!.map((_, j) => r.reduce((s, v, k) => s + v * B[k]![j]!, 0)));

function wellConditioned(seed: number, n: number): M {
  const rng = createRng(seed, "inv");
  return rng.matrix(n, n).map((row, i) => row.map((v, j) => (i === j ? v + 2 * Math.sqrt(n) : v)));
}

describe("inverse-grad reference", () => {
  it("matches central differences of ⟨G, X⁻¹⟩ computed with an independent inverse", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const n = 1 + (seed % 6);
      const X = wellConditioned(seed, n);
      const G = createRng(seed, "G").matrix(n, n);
      const f = (v: number[]): number => {
        const Y = gaussJordanInverse(Array.from({ length: n }, (_, i) => v.slice(i * n, (i + 1) * n)));
        return G.reduce((s, g, i) => s + g.reduce((t, x, j) => t + x * Y[i]![j]!, 0), 0);
      };
      expect(gradientRelativeError(inverseGrad(X, G).flat(), centralDiff(f, X.flat(), 1e-6))).toBeLessThan(1e-7);
    }
  });

  it("satisfies d(X⁻¹) = −X⁻¹ dX X⁻¹ to second order along a random direction", () => {
    const n = 5;
    const X = wellConditioned(3, n);
    const D = createRng(3, "D").matrix(n, n);
    const Xi = gaussJordanInverse(X);
    const predicted = mul(mul(Xi, D), Xi).map((r) => r.map((v) => -v));
    for (const t of [1e-3, 1e-4]) {
      const moved = gaussJordanInverse(X.map((r, i) => r.map((v, j) => v + t * D[i]![j]!)));
      const err = Math.max(...moved.flatMap((r, i) => r.map((v, j) => Math.abs(v - Xi[i]![j]! - t * predicted[i]![j]!))));
      expect(err).toBeLessThan(50 * t * t);
    }
  });

  it("with G = I gives −(X⁻²)ᵀ, the gradient of tr(X⁻¹)", () => {
    const X = wellConditioned(9, 4);
    const Xi = gaussJordanInverse(X);
    const X2 = mul(Xi, Xi);
    const g = inverseGrad(X, X.map((r, i) => r.map((_, j) => (i === j ? 1 : 0))));
    g.forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(-X2[j]![i]!, 12)));
  });

  it("its hidden cases normalise G so the largest gradient entry is 1, as the statement says", () => {
    for (const cls of cases.hidden) {
      for (let seed = 1; seed <= 10; seed++) {
        const [X, G] = cls.generate(createRng(seed, cls.name), 0) as [M, M];
        expect(Math.max(...inverseGrad(X, G).flat().map(Math.abs))).toBeCloseTo(1, 9);
      }
    }
  });
});
