export function energyRatio(S: number[], k: number): number {
  // TODO: return (σ_1² + … + σ_k²) / (σ_1² + … + σ_p²), safe for huge and tiny singular values.
  void S;
  void k;
  return -1;
}
