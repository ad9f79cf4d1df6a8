/**
 * Seeded random numbers for case generators and parameterized quiz items.
 * Graders never use Math.random: every random input comes from the submission's seed, so a verdict can be reproduced.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(lo: number, hi: number): number;
  /** Normal with the given mean and standard deviation (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** Integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  vector(n: number, draw?: (r: Rng) => number): number[];
  matrix(rows: number, cols: number, draw?: (r: Rng) => number): number[][];
  /** An independent stream for a sub-task, so adding draws in one place does not shift another. */
  fork(label: string): Rng;
}

/** FNV-1a over the label, mixed with the seed: a stable 32-bit stream key. */
function mixKey(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: number, label = ""): Rng {
  let state = mixKey(seed, label);
  // mulberry32: tiny, fast, good enough for test inputs (not for cryptography).
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal: (mean = 0, sd = 1) => {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error("rng.pick: empty list");
      return items[Math.floor(next() * items.length)]!;
    },
    vector: (n, draw = (r) => r.normal()) => Array.from({ length: n }, () => draw(rng)),
    matrix: (rows, cols, draw = (r) => r.normal()) =>
      Array.from({ length: rows }, () => Array.from({ length: cols }, () => draw(rng))),
    fork: (sub) => createRng(mixKey(seed, label), sub),
  };
  return rng;
}
