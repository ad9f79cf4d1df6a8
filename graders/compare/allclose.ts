import type { Path } from "./format";

export interface Tolerance {
  rtol: number;
  atol: number;
}

export interface LeafMismatch {
  path: Path;
  expected: unknown;
  got: unknown;
}

export interface CloseReport {
  ok: boolean;
  /** First number that is NaN or ±Infinity where the expected value is finite. */
  nonFinite?: { path: Path; value: number };
  /** First element outside the tolerance (or a differing string/boolean). */
  firstDiff?: LeafMismatch;
  /** Over every compared pair of finite numbers. */
  maxAbsError: number;
  /** |a − b| / |b| over pairs with b ≠ 0; Infinity when a ≠ b = 0. */
  maxRelError: number;
  compared: number;
}

/** |a − b| ≤ atol + rtol·|b|, with non-finite values equal only to themselves. */
export function isClose(got: number, expected: number, tol: Tolerance): boolean {
  if (!Number.isFinite(expected) || !Number.isFinite(got)) return Object.is(got, expected) || (Number.isNaN(got) && Number.isNaN(expected));
  return Math.abs(got - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

/**
 * Compares two values of the same structure (checkStructure has passed) leaf by leaf. This is the one tolerance
 * implementation of the project: the judge, invariant checks and the browser run all come here.
 */
export function compareClose(expected: unknown, got: unknown, tol: Tolerance): CloseReport {
  const report: CloseReport = { ok: true, maxAbsError: 0, maxRelError: 0, compared: 0 };
  const path: Path = [];
  const visit = (e: unknown, g: unknown): void => {
    if (typeof e === "number") {
      const gv = g as number;
      report.compared++;
      if (Number.isFinite(e) && !Number.isFinite(gv)) {
        report.ok = false;
        report.nonFinite ??= { path: path.slice(), value: gv };
        return;
      }
      if (!isClose(gv, e, tol)) {
        report.ok = false;
        report.firstDiff ??= { path: path.slice(), expected: e, got: gv };
      }
      if (Number.isFinite(e) && Number.isFinite(gv)) {
        const d = Math.abs(gv - e);
        report.maxAbsError = Math.max(report.maxAbsError, d);
        const rel = e !== 0 ? d / Math.abs(e) : d === 0 ? 0 : Infinity;
        report.maxRelError = Math.max(report.maxRelError, rel);
      }
      return;
    }
    if (Array.isArray(e)) {
      const ga = g as unknown[];
      for (let i = 0; i < e.length; i++) {
        path.push(i);
        visit(e[i], ga[i]);
        path.pop();
      }
      return;
    }
    if (typeof e === "object" && e !== null) {
      const go = g as Record<string, unknown>;
      for (const key of Object.keys(e)) {
        path.push(key);
        visit((e as Record<string, unknown>)[key], go[key]);
        path.pop();
      }
      return;
    }
    if (!Object.is(e, g)) {
      report.ok = false;
      report.firstDiff ??= { path: path.slice(), expected: e, got: g };
    }
  };
  visit(expected, got);
  return report;
}

/** Every number of a nested value, in row-major order (for gradient norms). */
export function flattenNumbers(v: unknown, out: number[] = []): number[] {
  if (typeof v === "number") out.push(v);
  else if (Array.isArray(v)) for (const x of v) flattenNumbers(x, out);
  else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) flattenNumbers(x, out);
  return out;
}

/** Locates the first NaN or ±Infinity of a nested value. */
export function findNonFinite(v: unknown, path: Path = []): { path: Path; value: number } | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? undefined : { path, value: v };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const hit = findNonFinite(v[i], [...path, i]);
      if (hit) return hit;
    }
  } else if (typeof v === "object" && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      const hit = findNonFinite(x, [...path, k]);
      if (hit) return hit;
    }
  }
  return undefined;
}
