import { describe, expect, it } from "vitest";
import { createRng } from "../content/rng";
import { det, eye, inv, matmul, qr, solve, svd, transpose } from "./index";

function maxAbsDiff(A: number[][], B: number[][]): number {
  let m = 0;
  A.forEach((row, i) => row.forEach((x, j) => (m = Math.max(m, Math.abs(x - B[i]![j]!)))));
  return m;
}

function reconstruct(U: number[][], S: number[], Vt: number[][]): number[][] {
  return matmul(U.map((row) => row.map((x, j) => x * S[j]!)), Vt);
}

describe("linalg.svd", () => {
  it("reproduces the curriculum's worked example σ = 6.7202, 3.7202", () => {
    const { S } = svd([[4, 0], [3, -5], [0, 3]]);
    expect(S[0]).toBeCloseTo(6.7202, 4);
    expect(S[1]).toBeCloseTo(3.7202, 4);
  });

  it.each([[5, 3], [3, 5], [6, 6], [1, 1], [7, 1]])("reconstructs a random %i×%i matrix with orthonormal factors", (m, n) => {
    const rng = createRng(7, `${m}x${n}`);
    const A = rng.matrix(m, n);
    const { U, S, Vt } = svd(A);
    const k = Math.min(m, n);
    expect(S).toHaveLength(k);
    expect(maxAbsDiff(reconstruct(U, S, Vt), A)).toBeLessThan(1e-12);
    expect(maxAbsDiff(matmul(transpose(U), U), eye(k))).toBeLessThan(1e-12);
    expect(maxAbsDiff(matmul(Vt, transpose(Vt)), eye(k))).toBeLessThan(1e-12);
    for (let i = 1; i < k; i++) expect(S[i]!).toBeLessThanOrEqual(S[i - 1]!);
  });

  it("completes U to an orthonormal set when A is rank-deficient", () => {
    const A = [[1, 2], [2, 4], [3, 6]];
    const { U, S, Vt } = svd(A);
    expect(S[1]).toBeLessThan(1e-12);
    expect(maxAbsDiff(matmul(transpose(U), U), eye(2))).toBeLessThan(1e-12);
    expect(maxAbsDiff(reconstruct(U, S, Vt), A)).toBeLessThan(1e-12);
  });

  it("handles the zero matrix", () => {
    const { U, S } = svd([[0, 0], [0, 0]]);
    expect(S).toEqual([0, 0]);
    expect(maxAbsDiff(matmul(transpose(U), U), eye(2))).toBeLessThan(1e-12);
  });
});

describe("linalg.qr, solve, inv, det", () => {
  it("factors a tall matrix into orthonormal Q and upper-triangular R", () => {
    const A = createRng(3).matrix(6, 4);
    const { Q, R } = qr(A);
    expect(maxAbsDiff(matmul(Q, R), A)).toBeLessThan(1e-12);
    expect(maxAbsDiff(matmul(transpose(Q), Q), eye(4))).toBeLessThan(1e-12);
    R.forEach((row, i) => row.forEach((x, j) => j < i && expect(x).toBe(0)));
  });

  it("solves, inverts and takes determinants", () => {
    const A = [[2, 1, 0], [1, 3, 1], [0, 1, 4]];
    const x = solve(A, [1, 2, 3]);
    expect(maxAbsDiff([matmul(A, x.map((v) => [v])).map((r) => r[0]!)], [[1, 2, 3]])).toBeLessThan(1e-12);
    expect(maxAbsDiff(matmul(A, inv(A)), eye(3))).toBeLessThan(1e-12);
    expect(det(A)).toBeCloseTo(18, 12);
    expect(det([[0, 1], [1, 0]])).toBe(-1);
  });

  it("refuses a singular system with a message that says what to use instead", () => {
    expect(() => solve([[1, 2], [2, 4]], [1, 2])).toThrow(/singular/);
    expect(() => matmul([[1, 2]], [[1, 2]])).toThrow(/A is 1×2 but B is 1×2/);
  });
});
