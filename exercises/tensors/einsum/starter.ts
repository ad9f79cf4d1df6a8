export interface Tensor {
  shape: number[];
  data: number[];
}

export function einsum(spec: string, ...xs: Tensor[]): Tensor {
  // TODO: parse "ij,jk->ik", give every index letter its size, loop over all index values, multiply the operands'
  // entries and add the product into the output slot named by the output letters. Letters missing from the output
  // are summed; a letter repeated within one operand (ii) walks its diagonal.
  const out = spec.split("->")[1] ?? "";
  return { shape: [...out].map(() => 1), data: [0] };
}
