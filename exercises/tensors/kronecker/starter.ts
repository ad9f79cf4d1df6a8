export function kron(A: number[][], B: number[][]): number[][] {
  const rows = A.length * B.length;
  const cols = (A[0]?.length ?? 0) * (B[0]?.length ?? 0);
  // TODO: entry (i·p + k, j·q + l) is A[i][j] · B[k][l], where B is p × q.
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}
