import { describe, expect, it } from "vitest";
import { matmul } from "linalg";
import { createRng, type Rng } from "../../graders/content";
import { attention } from "./attention/reference";
import { multiHeadAttention } from "./multi-head-attention/reference";

/**
 * Multi-head attention against the single-head attention exercise's reference: with one head it is attention
 * followed by W_O; with h heads it is the sum over heads of attention on each head's column block times that head's
 * rows of W_O; and permuting the heads consistently leaves it unchanged.
 */
type M = number[][];

function problem(rng: Rng, n: number, d: number): [M, M, M, M, M] {
  return [rng.matrix(n, d), rng.matrix(d, d), rng.matrix(d, d), rng.matrix(d, d), rng.matrix(d, d)];
}

const cols = (A: M, from: number, to: number): M => A.map((r) => r.slice(from, to));
const close = (a: M, b: M, tol = 1e-10): void => a.forEach((r, i) => r.forEach((v, j) => expect(Math.abs(v - b[i]![j]!)).toBeLessThan(tol * (1 + Math.abs(b[i]![j]!)))));

describe("multi-head-attention reference", () => {
  it("with one head equals single-head attention followed by W_O", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRng(seed, "mha1");
      const [x, Wq, Wk, Wv, Wo] = problem(rng, rng.int(1, 8), rng.int(1, 8));
      close(multiHeadAttention(x, Wq, Wk, Wv, Wo, 1), matmul(attention(matmul(x, Wq), matmul(x, Wk), matmul(x, Wv)), Wo));
    }
  });

  it("with h heads equals Σ_h attention(Q_h, K_h, V_h) · (rows of W_O for head h)", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRng(seed, "mhah");
      const h = rng.pick([2, 4, 8]);
      const d = h * rng.int(1, 3);
      const [x, Wq, Wk, Wv, Wo] = problem(rng, rng.int(1, 8), d);
      const [Q, K, V] = [Wq, Wk, Wv].map((W) => matmul(x, W));
      const dh = d / h;
      let sum: M = x.map(() => new Array<number>(d).fill(0));
      for (let j = 0; j < h; j++) {
        const part = matmul(attention(cols(Q!, j * dh, (j + 1) * dh), cols(K!, j * dh, (j + 1) * dh), cols(V!, j * dh, (j + 1) * dh)), Wo.slice(j * dh, (j + 1) * dh));
        sum = sum.map((r, i) => r.map((v, c) => v + part[i]![c]!));
      }
      close(multiHeadAttention(x, Wq, Wk, Wv, Wo, h), sum);
    }
  });

  it("is unchanged when the heads are permuted consistently in W_Q, W_K, W_V (columns) and W_O (rows)", () => {
    const rng = createRng(4, "mha-perm");
    const h = 4;
    const d = 8;
    const [x, Wq, Wk, Wv, Wo] = problem(rng, 5, d);
    const perm = [2, 0, 3, 1];
    const dh = d / h;
    const colOrder = perm.flatMap((p) => Array.from({ length: dh }, (_, k) => p * dh + k));
    const permCols = (W: M): M => W.map((r) => colOrder.map((c) => r[c]!));
    const permRows = (W: M): M => colOrder.map((c) => W[c]!);
    close(multiHeadAttention(x, permCols(Wq), permCols(Wk), permCols(Wv), permRows(Wo), h), multiHeadAttention(x, Wq, Wk, Wv, Wo, h));
  });
});
