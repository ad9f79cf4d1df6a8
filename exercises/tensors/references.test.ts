import { describe, expect, it } from "vitest";
import { matmul, transpose } from "linalg";
import { createRng } from "../../graders/content";
import type { ExerciseCases, QuizItem, Rng } from "../../graders/content";
import quiz from "./quiz";
import { einsum, type Tensor } from "./einsum/reference";
import { kron } from "./kronecker/reference";
import { kronMatVec } from "./vec-trick/reference";
import { attentionScores } from "./attention-scores-4d/reference";
import einsumCases from "./einsum/cases";
import kronCases from "./kronecker/cases";
import vecCases from "./vec-trick/cases";
import attentionCases from "./attention-scores-4d/cases";

/**
 * Properties of the tensors topic's model answers, checked against independent computations: nested-array
 * matrix products from linalg, the mixed-product rule of ⊗, an explicitly built (Bᵀ ⊗ A) with a column-major vec,
 * per-head Q·Kᵀ. Plus: every visible `expected` agrees with the reference, and the quiz's param-numeric answers
 * agree with their independent verify for 100 seeds.
 */

const SEEDS = 25;

function eachSeed(label: string, body: (rng: Rng) => void): void {
  for (let seed = 1; seed <= SEEDS; seed++) body(createRng(seed, label));
}

const toTensor = (M: number[][]): Tensor => ({ shape: [M.length, M[0]!.length], data: M.flat() });
const toMatrix = (t: Tensor): number[][] => Array.from({ length: t.shape[0]! }, (_, i) => t.data.slice(i * t.shape[1]!, (i + 1) * t.shape[1]!));

function expectAllClose(got: number[], want: number[], rtol = 1e-12, atol = 1e-12): void {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(atol + rtol * Math.abs(want[i]!)));
}

describe("einsum reference", () => {
  it("agrees with linalg on matrix-vector, matmul, chains, transposes, traces and Frobenius products", () => {
    eachSeed("einsum", (rng) => {
      const [i, j, k, l] = [rng.int(1, 5), rng.int(1, 5), rng.int(1, 5), rng.int(1, 5)];
      const A = rng.matrix(i, j);
      const B = rng.matrix(j, k);
      const C = rng.matrix(k, l);
      const v = rng.vector(j);
      expectAllClose(einsum("ij,jk->ik", toTensor(A), toTensor(B)).data, matmul(A, B).flat());
      expectAllClose(einsum("ij,j->i", toTensor(A), { shape: [j], data: v }).data, matmul(A, v.map((x) => [x])).flat());
      expectAllClose(einsum("ij,jk,kl->il", toTensor(A), toTensor(B), toTensor(C)).data, matmul(matmul(A, B), C).flat());
      expectAllClose(einsum("ij->ji", toTensor(A)).data, transpose(A).flat());
      const S = rng.matrix(j, j);
      const tr = einsum("ii->", toTensor(S));
      expect(tr.shape).toEqual([]);
      expectAllClose(tr.data, [S.reduce((s, row, r) => s + row[r]!, 0)]);
      const fro = einsum("ij,ij->", toTensor(A), toTensor(A));
      expectAllClose(fro.data, [A.flat().reduce((s, x) => s + x * x, 0)]);
    });
  });

  it("keeps the batch index of bij,bjk->bik and contracts ikm,mjl->ijl like explicit loops", () => {
    eachSeed("einsum-batch", (rng) => {
      const [b, i, j, k] = [rng.int(1, 4), rng.int(1, 4), rng.int(1, 4), rng.int(1, 4)];
      const As = Array.from({ length: b }, () => rng.matrix(i, j));
      const Bs = Array.from({ length: b }, () => rng.matrix(j, k));
      const out = einsum("bij,bjk->bik", { shape: [b, i, j], data: As.flat(2) }, { shape: [b, j, k], data: Bs.flat(2) });
      expect(out.shape).toEqual([b, i, k]);
      expectAllClose(out.data, As.flatMap((A, n) => matmul(A, Bs[n]!).flat()));

      const [I, K, M, J, L] = [rng.int(1, 3), rng.int(1, 3), rng.int(1, 3), rng.int(1, 3), rng.int(1, 3)];
      const X = { shape: [I, K, M], data: rng.vector(I * K * M) };
      const Y = { shape: [M, J, L], data: rng.vector(M * J * L) };
      const want: number[] = [];
      for (let a = 0; a < I; a++)
        for (let c = 0; c < J; c++)
          for (let e = 0; e < L; e++) {
            let s = 0;
            for (let kk = 0; kk < K; kk++) for (let m = 0; m < M; m++) s += X.data[(a * K + kk) * M + m]! * Y.data[(m * J + c) * L + e]!;
            want.push(s);
          }
      expectAllClose(einsum("ikm,mjl->ijl", X, Y).data, want);
    });
  });
});

describe("kronecker reference", () => {
  it("satisfies the mixed-product rule (A ⊗ B)(C ⊗ D) = AC ⊗ BD and has shape mp × nq", () => {
    eachSeed("kron", (rng) => {
      const [m, n, p, q, r, s] = [rng.int(1, 3), rng.int(1, 3), rng.int(1, 3), rng.int(1, 3), rng.int(1, 3), rng.int(1, 3)];
      const A = rng.matrix(m, n);
      const B = rng.matrix(p, q);
      const C = rng.matrix(n, r);
      const D = rng.matrix(q, s);
      const K = kron(A, B);
      expect(K).toHaveLength(m * p);
      expect(K[0]).toHaveLength(n * q);
      expectAllClose(matmul(K, kron(C, D)).flat(), kron(matmul(A, C), matmul(B, D)).flat(), 1e-10, 1e-12);
    });
  });
});

describe("vec-trick reference", () => {
  it("equals mat((Bᵀ ⊗ A) vec(X)) with an explicit Kronecker product and column-major vec", () => {
    eachSeed("vec", (rng) => {
      const [m, n, p, q] = [rng.int(1, 4), rng.int(1, 4), rng.int(1, 4), rng.int(1, 4)];
      const A = rng.matrix(m, n);
      const B = rng.matrix(p, q);
      const X = rng.matrix(n, p);
      const vecX = Array.from({ length: n * p }, (_, c) => X[c % n]![Math.floor(c / n)]!);
      const y = matmul(kron(transpose(B), A), vecX.map((x) => [x])).map((r) => r[0]!);
      const want = Array.from({ length: m }, (_, i) => Array.from({ length: q }, (_, j) => y[j * m + i]!));
      expectAllClose(kronMatVec(A, B, X).flat(), want.flat(), 1e-10, 1e-12);
    });
  });
});

describe("attention-scores-4d reference", () => {
  it("equals Q·Kᵀ/√d head by head", () => {
    eachSeed("scores", (rng) => {
      const [B, H, Nq, Nk, D] = [rng.int(1, 3), rng.int(1, 3), rng.int(1, 4), rng.int(1, 4), rng.pick([1, 8, 64])];
      const Qs = Array.from({ length: B * H }, () => rng.matrix(Nq, D));
      const Ks = Array.from({ length: B * H }, () => rng.matrix(Nk, D));
      const out = attentionScores({ shape: [B, H, Nq, D], data: Qs.flat(2) }, { shape: [B, H, Nk, D], data: Ks.flat(2) });
      expect(out.shape).toEqual([B, H, Nq, Nk]);
      expectAllClose(out.data, Qs.flatMap((Q, h) => matmul(Q, transpose(Ks[h]!)).flat().map((x) => x / Math.sqrt(D))), 1e-12, 1e-12);
    });
  });
});

describe("visible expected values", () => {
  const table: [string, ExerciseCases, (...args: never[]) => unknown][] = [
    ["einsum", einsumCases, einsum as never],
    ["kronecker", kronCases, kron as never],
    ["vec-trick", vecCases, kronMatVec as never],
    ["attention-scores-4d", attentionCases, attentionScores as never],
  ];
  const numbers = (x: unknown): number[] =>
    typeof x === "number" ? [x] : Array.isArray(x) ? x.flatMap(numbers) : Object.values(x as object).flatMap(numbers);
  for (const [id, cases, fn] of table) {
    it(`agree with the ${id} reference`, () => {
      for (const c of cases.visible) {
        expect(c.expected, c.name).toBeDefined();
        expectAllClose(numbers((fn as (...a: unknown[]) => unknown)(...structuredClone(c.args))), numbers(c.expected), 1e-12, 1e-12);
      }
    });
  }
});

describe("tensors quiz", () => {
  const items = quiz as QuizItem[];

  it("has unique tensors- ids and all four item types", () => {
    expect(new Set(items.map((q) => q.id)).size).toBe(items.length);
    items.forEach((q) => expect(q.id.startsWith("tensors-")).toBe(true));
    expect(new Set(items.map((q) => q.type))).toEqual(new Set(["single", "multi", "numeric", "param-numeric"]));
    expect(items.length).toBeGreaterThanOrEqual(9);
  });

  it("answers every param-numeric item like its independent verify, for 100 seeds", () => {
    for (const item of items) {
      if (item.type !== "param-numeric") continue;
      for (let seed = 1; seed <= 100; seed++) {
        const p = item.params(createRng(seed, item.id));
        const a = item.answer(p);
        const v = item.verify(p);
        expect(Number.isFinite(a), `${item.id} seed ${seed}`).toBe(true);
        expect(Math.abs(a - v), `${item.id} seed ${seed}`).toBeLessThanOrEqual((item.tolerance.abs ?? 0) + (item.tolerance.rel ?? 0) * Math.abs(v));
      }
    }
  });
});
