export function lowRankError(S: number[], k: number): number {
  // TODO: return √(σ_{k+1}² + … + σ_p²) from the discarded singular values S[k], S[k+1], …,
  // without letting the squares overflow or underflow.
  void S;
  void k;
  return -1;
}
