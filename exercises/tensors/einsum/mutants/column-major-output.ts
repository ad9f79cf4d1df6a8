// expect: right values in a different order
// Writes the output in column-major order (first axis contiguous).
export interface Tensor {
  shape: number[];
  data: number[];
}

/** Row-major strides: the last axis is contiguous. */
function stridesOf(shape: number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let a = shape.length - 2; a >= 0; a--) strides[a] = strides[a + 1]! * shape[a + 1]!;
  return strides;
}

export function einsum(spec: string, ...xs: Tensor[]): Tensor {
  const [lhs, out] = spec.replace(/\s+/g, "").split("->");
  if (lhs === undefined || out === undefined) throw new Error(`einsum: "${spec}" needs the explicit form "ij,jk->ik"`);
  const terms = lhs.split(",");
  if (terms.length !== xs.length) throw new Error(`einsum: "${spec}" names ${terms.length} operands but ${xs.length} were given`);

  // Every label gets one size; a mismatch is the caller's error, reported in their terms.
  const size = new Map<string, number>();
  terms.forEach((term, t) => {
    const shape = xs[t]!.shape;
    if (term.length !== shape.length) throw new Error(`einsum: operand ${t} has ${shape.length} axes but "${term}" names ${term.length}`);
    [...term].forEach((label, a) => {
      const known = size.get(label);
      if (known !== undefined && known !== shape[a]) throw new Error(`einsum: index ${label} is ${known} in one place and ${shape[a]} in another`);
      size.set(label, shape[a]!);
    });
  });
  const labels = [...size.keys()];
  const position = new Map(labels.map((l, i) => [l, i]));

  // For each operand, the stride of each label. A label repeated inside one term (ii) adds its strides: the walk then
  // follows the diagonal, which is what the repeated index means.
  const operandStrides = terms.map((term, t) => {
    const per = new Array<number>(labels.length).fill(0);
    const s = stridesOf(xs[t]!.shape);
    [...term].forEach((label, a) => (per[position.get(label)!]! += s[a]!));
    return per;
  });
  const outShape = [...out].map((label) => {
    const n = size.get(label);
    if (n === undefined) throw new Error(`einsum: output index ${label} does not appear in any operand`);
    return n;
  });
  const outStrides = new Array<number>(labels.length).fill(0);
  stridesOf([...outShape].reverse()).reverse().forEach((s, a) => (outStrides[position.get(out[a]!)!] = s));

  // One loop over every combination of index values: output labels choose the slot, the others are summed over.
  const data = new Array<number>(outShape.reduce((a, b) => a * b, 1)).fill(0);
  const extent = labels.map((l) => size.get(l)!);
  if (extent.some((n) => n === 0)) return { shape: outShape, data };
  const idx = new Array<number>(labels.length).fill(0);
  for (;;) {
    let product = 1;
    for (let t = 0; t < xs.length; t++) {
      let offset = 0;
      for (let l = 0; l < labels.length; l++) offset += idx[l]! * operandStrides[t]![l]!;
      product *= xs[t]!.data[offset]!;
    }
    let target = 0;
    for (let l = 0; l < labels.length; l++) target += idx[l]! * outStrides[l]!;
    data[target]! += product;
    // Advance the odometer.
    let l = labels.length - 1;
    while (l >= 0 && ++idx[l]! === extent[l]!) idx[l--] = 0;
    if (l < 0) break;
  }
  return { shape: outShape, data };
}
