/** rel = ‖ga − gn‖ / (‖ga‖ + ‖gn‖ + 1e−12): scale-free, symmetric, and 0 (not 0/0 = NaN) when both gradients vanish. */
export function relativeError(ga: number[], gn: number[]): number {
  let diff = 0;
  let a = 0;
  let n = 0;
  for (let i = 0; i < ga.length; i++) {
    diff += (ga[i]! - gn[i]!) ** 2;
    a += ga[i]! ** 2;
    n += gn[i]! ** 2;
  }
  return Math.sqrt(diff) / (Math.sqrt(a) + Math.sqrt(n) + 1e-12);
}

/**
 * rel < 1e−5 passes, 1e−5 ≤ rel ≤ 1e−3 is suspicious, rel > 1e−3 fails.
 * Only the pass band is tested positively: every comparison with NaN is false, so a NaN error falls through to "fail".
 */
export function gradCheckVerdict(rel: number): "pass" | "suspicious" | "fail" {
  if (rel < 1e-5) return "pass";
  if (rel <= 1e-3) return "suspicious";
  return "fail";
}
