// expect: comparison with NaN
export function relativeError(ga: number[], gn: number[]): number {
  let d = 0;
  let a = 0;
  let n = 0;
  for (let i = 0; i < ga.length; i++) {
    d += (ga[i]! - gn[i]!) ** 2;
    a += ga[i]! ** 2;
    n += gn[i]! ** 2;
  }
  return Math.sqrt(d) / (Math.sqrt(a) + Math.sqrt(n) + 1e-12);
}

export function gradCheckVerdict(rel: number): "pass" | "suspicious" | "fail" {
  if (rel > 1e-3) return "fail";
  if (rel >= 1e-5) return "suspicious";
  return "pass";
}
