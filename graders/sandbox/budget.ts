/**
 * Time budgets shared by the sandbox (inside the grader child) and the supervisor (which kills a child that misses
 * its deadline). Kept in one place so the two can never disagree.
 */

/** The host timer fires this long after isolated-vm's own timeout should have: a sort comparator loop can overrun by ~240 ms. */
export const HOST_TIMER_MARGIN_MS = 500;

/** At most this many call time limits per run: a slow solution must not hold a grader for minutes. */
export const MAX_CALL_BUDGETS_PER_RUN = 8;

/**
 * The most learner code one submission may run, whatever its exercise's per-call limit: 8 × 2 s would be 16 s for
 * softmax and 32 s for a 4 s exercise, and a slow but legal solution would hold a grader that long. A run gets at
 * least two per-call limits (the top level and one call), so an exercise's own limit always fits.
 */
export const MAX_RUN_MS = 10_000;

/** Wall-clock budget of all learner code in one run (module top level plus every call). */
export function runBudgetMs(limits: { timeoutMs: number }, calls: number): number {
  const perCall = limits.timeoutMs * Math.min(calls + 1, MAX_CALL_BUDGETS_PER_RUN);
  return Math.min(perCall, Math.max(MAX_RUN_MS, 2 * limits.timeoutMs));
}

/** The longest one sandbox run may take before its grader is killed: the run budget plus the host timer margin. */
export function sandboxDeadlineMs(limits: { timeoutMs: number }, calls: number, marginMs: number): number {
  return runBudgetMs(limits, calls) + HOST_TIMER_MARGIN_MS + marginMs;
}
