function matmul(P: number[][], Q: number[][]): number[][] {
  const inner = Q.length;
  const cols = Q[0]?.length ?? 0;
  return P.map((row) => {
    const out = new Array<number>(cols).fill(0);
    // i-k-j order: walks rows of Q contiguously.
    for (let k = 0; k < inner; k++) {
      const a = row[k]!;
      const qRow = Q[k]!;
      for (let j = 0; j < cols; j++) out[j]! += a * qRow[j]!;
    }
    return out;
  });
}

export function kronMatVec(A: number[][], B: number[][], X: number[][]): number[][] {
  // vec(AXB) = (Bᵀ ⊗ A) vec(X) with column-major vec, so mat(...) is simply A·X·B:
  // O(mnp + mpq) work and O(mp + mq) memory instead of the (mq)×(np) Kronecker product.
  return matmul(matmul(A, X), B);
}
