// expect: finite differences of your own forward pass
// Writes the forward pass and takes central differences of it: right values, but two forward passes per parameter.
function loss(x: number[][], W: number[][], b: number[], dy: number[][]): number {
  let L = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let y = b[j]!;
      for (let k = 0; k < W.length; k++) y += x[i]![k]! * W[k]![j]!;
      L += dy[i]![j]! * y;
    }
  }
  return L;
}

function diff(f: () => number, get: () => number, set: (v: number) => void, h = 1e-5): number {
  const v = get();
  set(v + h);
  const fp = f();
  set(v - h);
  const fm = f();
  set(v);
  return (fp - fm) / (2 * h);
}

export function linearBackward(
  x: number[][],
  W: number[][],
  dy: number[][],
): { dx: number[][]; dW: number[][]; db: number[] } {
  const b = new Array<number>(W[0]!.length).fill(0);
  const f = () => loss(x, W, b, dy);
  const dx = x.map((row) => row.map((_, k) => diff(f, () => row[k]!, (v) => (row[k] = v))));
  const dW = W.map((row) => row.map((_, j) => diff(f, () => row[j]!, (v) => (row[j] = v))));
  const db = b.map((_, j) => diff(f, () => b[j]!, (v) => (b[j] = v)));
  return { dx, dW, db };
}
