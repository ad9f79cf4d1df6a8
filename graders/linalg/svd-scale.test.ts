import { describe, expect, it } from "vitest";
import { createRng } from "../content/rng";
import { matmul, svd, transpose } from "./index";

/**
 * The oracle: A = s · Q₁ diag(σ) Q₂ᵀ with Q₁, Q₂ products of integer Householder reflections (I − 2vvᵀ/vᵀv), which
 * are rational and exactly orthogonal. The singular values of the exact A are s·σ; rounding A's entries to float64
 * moves them by at most ‖ΔA‖₂ ≤ ‖A‖_F·2⁻⁵³, so the oracle is exact to ~1e−15 relative at every scale. The
 * computation of the exact entries runs in BigInt rationals, so nothing overflows on the way.
 */
type Rat = { n: bigint; d: bigint };

function householder(v: number[]): Rat[][] {
  const vv = v.reduce((s, x) => s + BigInt(x) * BigInt(x), 0n);
  return v.map((vi, i) => v.map((vj, j) => ({ n: (i === j ? vv : 0n) - 2n * BigInt(vi) * BigInt(vj), d: vv })));
}

function ratMul(A: Rat[][], B: Rat[][]): Rat[][] {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  return A.map((row) =>
    B[0]!.map((_, j) => {
      let acc: Rat = { n: 0n, d: 1n };
      row.forEach((a, k) => {
        const b = B[k]![j]!;
        const n = acc.n * a.d * b.d + a.n * b.n * acc.d;
        const d = acc.d * a.d * b.d;
        const g = gcd(n, d) || 1n;
        acc = { n: n / g, d: d / g };
      });
      return acc;
    }),
  );
}

/** Entries of s·Q₁ΣQ₂ᵀ where σ are small integers and s = 10^e: exact rationals rounded once to float64. */
function oracleMatrix(m: number, n: number, sigma: number[], e: number, rng: ReturnType<typeof createRng>): { A: number[][]; S: number[] } {
  const randV = (len: number) => Array.from({ length: len }, () => rng.int(-4, 4) || 1);
  const Q1 = ratMul(householder(randV(m)), householder(randV(m)));
  const Q2 = ratMul(householder(randV(n)), householder(randV(n)));
  const Sigma: Rat[][] = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => ({ n: i === j ? BigInt(sigma[i] ?? 0) : 0n, d: 1n })));
  const Q2t = Q2[0]!.map((_, j) => Q2.map((row) => row[j]!));
  const exact = ratMul(ratMul(Q1, Sigma), Q2t);
  const toFloat = (r: Rat) => {
    // n/d · 10^e, scaled in BigInt first so that no intermediate over- or underflows.
    const digits = 40n;
    const q = (r.n * 10n ** digits) / r.d;
    return Number(q) * 10 ** (e - Number(digits));
  };
  const S = sigma.slice().sort((a, b) => b - a).map((s) => s * 10 ** e);
  return { A: exact.map((row) => row.map(toFloat)), S };
}

function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.abs(want);
}

describe("linalg.svd across scales 1e−150 … 1e150 (rational oracle)", () => {
  const exponents = [-150, -120, -100, -77, -50, 0, 50, 77, 78, 100, 120, 150];
  it.each(exponents)("singular values of 4×3 and 3×4 matrices scaled by 1e%i are right to 1e−12 relative", (e) => {
    const rng = createRng(11, `scale${e}`);
    for (const [m, n] of [[4, 3], [3, 4], [3, 3], [2, 2]] as const) {
      const k = Math.min(m, n);
      const sigma = [7, 3, 2, 1].slice(0, k);
      const { A, S } = oracleMatrix(m, n, sigma, e, rng);
      const got = svd(A);
      expect(got.S).toHaveLength(k);
      for (let i = 0; i < k; i++) expect(relErr(got.S[i]!, S[i]!), `σ${i + 1} of ${m}×${n} at 1e${e}: got ${got.S[i]}, want ${S[i]}`).toBeLessThan(1e-12);
      const U = got.U.map((row) => row.map((x, j) => x * (got.S[j]! / S[0]!)));
      const R = matmul(U, got.Vt);
      const scaleA = S[0]!;
      let worst = 0;
      A.forEach((row, i) => row.forEach((x, j) => (worst = Math.max(worst, Math.abs(R[i]![j]! - x / scaleA)))));
      expect(worst, `reconstruction at 1e${e}`).toBeLessThan(1e-13);
      const UtU = matmul(transpose(got.U), got.U);
      UtU.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - (i === j ? 1 : 0))).toBeLessThan(1e-13)));
    }
  });

  it("recovers κ of a matrix with singular values 1e−5 … 1 at scale 1e100 (the condition-number class)", () => {
    const rng = createRng(5, "kappa");
    const { A } = oracleMatrix(4, 4, [100000, 3000, 20, 1], 100, rng);
    const { S } = svd(A);
    expect(relErr(S[0]! / S[3]!, 100000)).toBeLessThan(1e-9);
  });
});
