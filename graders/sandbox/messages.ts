/**
 * English texts of the limits the sandbox enforces. RunError messages are English; the judge localizes by kind,
 * and the supervisor's whole-run limit verdicts are bilingual (graders/supervisor/limit-verdict.ts).
 */
export function timeoutMessage(timeoutMs: number): string {
  return (
    `ran past its time limit of ${timeoutMs} ms. This usually means an infinite loop (a loop condition that never ` +
    "becomes false, a recursion without a base case) or an algorithm much slower than needed."
  );
}

export function memoryMessage(memoryMb: number): string {
  return (
    `ran out of its memory limit of ${memoryMb} MB. This usually means an array or string that grows without end ` +
    "(a push inside a loop that never stops) or a huge allocation such as new Array(1e9)."
  );
}

export function notRunMessage(kind: "timeout" | "memory", limits: { timeoutMs: number; memoryMb: number }): string {
  return kind === "timeout"
    ? `not run: the run stopped after reaching its time limit (${limits.timeoutMs} ms per case, a few cases' worth in total).`
    : `not run: the run stopped after an earlier case ran out of its memory limit of ${limits.memoryMb} MB.`;
}
