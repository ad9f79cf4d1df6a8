// expect: You computed B ⊗ A
// Loops over B's entries on the outside: block (k, l) is B[k][l]·A.
export function kron(A: number[][], B: number[][]): number[][] {
  const out: number[][] = [];
  for (const bRow of B) {
    for (const aRow of A) out.push(bRow.flatMap((b) => aRow.map((a) => b * a)));
  }
  return out;
}
