/**
 * For references.test.ts: each reference paired with a forward pass written here, independently of the references
 * and of the exercises' cases.ts, so that the property tests compare two separate derivations.
 */
import { sigmoidGrad, tanhGrad } from "./activation-grads/reference";
import { attentionBackward } from "./attention-backward/reference";
import { layerNormBackward } from "./layernorm-backward/reference";
import { lsqGrad } from "./least-squares-grad/reference";
import { linearBackward } from "./linear-backward/reference";
import { logDetGrad } from "./logdet-grad/reference";
import { softmaxJacobian } from "./softmax-jacobian/reference";
import { blockBackward, type BlockParams } from "./transformer-block-backward/reference";

type Matrix = number[][];

const mm = (A: Matrix, B: Matrix): Matrix => A.map((r) => B[0]!.map((_, j) => r.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
const t = (A: Matrix): Matrix => A[0]!.map((_, j) => A.map((r) => r[j]!));
const dot = (A: Matrix, B: Matrix): number => A.reduce((s, r, i) => s + r.reduce((u, v, j) => u + v * B[i]![j]!, 0), 0);

function softmax(z: readonly number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function layerNormForward(H: Matrix, gamma: readonly number[], beta: readonly number[], eps: number): Matrix {
  return H.map((h) => {
    const mean = h.reduce((a, b) => a + b, 0) / h.length;
    const v = h.reduce((a, b) => a + (b - mean) ** 2, 0) / h.length;
    return h.map((x, j) => (gamma[j]! * (x - mean)) / Math.sqrt(v + eps) + beta[j]!);
  });
}

function attentionForward(Q: Matrix, K: Matrix, V: Matrix): Matrix {
  const S = mm(Q, t(K)).map((r) => softmax(r.map((v) => v / Math.sqrt(Q[0]!.length))));
  return mm(S, V);
}

/** log|det X| by Gaussian elimination with partial pivoting. */
function logAbsDet(X: Matrix): number {
  const A = X.map((r) => r.slice());
  let s = 0;
  for (let k = 0; k < A.length; k++) {
    let p = k;
    for (let i = k + 1; i < A.length; i++) if (Math.abs(A[i]![k]!) > Math.abs(A[p]![k]!)) p = i;
    [A[k], A[p]] = [A[p]!, A[k]!];
    s += Math.log(Math.abs(A[k]![k]!));
    for (let i = k + 1; i < A.length; i++) {
      const f = A[i]![k]! / A[k]![k]!;
      for (let j = k; j < A.length; j++) A[i]![j]! -= f * A[k]![j]!;
    }
  }
  return s;
}

export const leastSquares = {
  ref: lsqGrad,
  f: (A: Matrix, theta: number[], b: number[]): number => 0.5 * mm(A, theta.map((v) => [v])).reduce((s, r, i) => s + (r[0]! - b[i]!) ** 2, 0),
};

export const softmaxJac = { ref: softmaxJacobian, f: softmax };

export const logDet = { ref: logDetGrad, f: logAbsDet };

export const activationGrads = { sigmoid: sigmoidGrad, tanh: tanhGrad };

export const linear = {
  ref: linearBackward,
  f: (x: Matrix, W: Matrix, b: number[], dy: Matrix): number => dot(mm(x, W).map((r) => r.map((v, j) => v + b[j]!)), dy),
};

export const layerNorm = {
  ref: layerNormBackward,
  f: (x: Matrix, gamma: number[], beta: number[], dy: Matrix, eps: number): number => dot(layerNormForward(x, gamma, beta, eps), dy),
};

export const attention = {
  ref: attentionBackward,
  f: (Q: Matrix, K: Matrix, V: Matrix, dOut: Matrix): number => dot(attentionForward(Q, K, V), dOut),
};

export const block = {
  ref: blockBackward,
  f: (x: Matrix, p: BlockParams, dOut: Matrix): number => {
    const Z = mm(attentionForward(mm(x, p.WQ), mm(x, p.WK), mm(x, p.WV)), p.WO);
    const H = x.map((r, i) => r.map((v, j) => v + Z[i]![j]!));
    return dot(layerNormForward(H, p.gamma, p.beta, 1e-5), dOut);
  },
};
