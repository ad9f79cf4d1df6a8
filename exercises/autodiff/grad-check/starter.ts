export function relativeError(ga: number[], gn: number[]): number {
  // TODO: return ‖ga − gn‖ / (‖ga‖ + ‖gn‖ + 1e-12) with Euclidean norms.
  void ga;
  void gn;
  return -1;
}

export function gradCheckVerdict(rel: number): "pass" | "suspicious" | "fail" {
  // TODO: "pass" below 1e-5, "suspicious" from 1e-5 to 1e-3, "fail" above 1e-3 (and for NaN).
  void rel;
  throw new Error("gradCheckVerdict is not implemented yet");
}
