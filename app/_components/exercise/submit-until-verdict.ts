import type { LocalizedText } from "../../../graders/text";
import type { Verdict } from "../../../graders/verdict";

/**
 * The page's side of a submission: POST it, retry the POST with the same clientSubmissionId when the network or a
 * restarting server dropped it (the server keeps one submission per id, so a retry costs nothing), and when the
 * answer is still PENDING (grading took longer than the server waits), poll GET /api/submissions/[id] until the
 * verdict, reporting "queued (n ahead)" / "grading" on the way. Plain functions over fetch, so tests drive it.
 */
export interface SubmittedView {
  id: string;
  status: "PENDING" | "GRADED" | "ERROR";
  score: number | null;
  verdict: Verdict | null;
  createdAt: string;
  queue?: { state: "queued" | "grading"; ahead: number } | null;
}

export type SubmitOutcome =
  | { kind: "done"; submission: SubmittedView }
  /** Still PENDING after the page gave up waiting: the verdict will appear in the history. */
  | { kind: "pending"; submission: SubmittedView }
  | { kind: "refused"; status: number; error: LocalizedText | null }
  | { kind: "signin" }
  | { kind: "unreachable" };

export interface SubmitDeps {
  fetch: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (queue: SubmittedView["queue"]) => void;
  /** Retries of a POST that failed on the network or with 502/503/504, with backoff. */
  postRetries?: number;
  /** How long the page polls a PENDING submission before leaving it to the history. */
  pollForMs?: number;
}

const RETRIABLE = new Set([502, 503, 504]);

export async function submitUntilVerdict(body: { exerciseId: string; code: string; clientSubmissionId: string }, deps: SubmitDeps): Promise<SubmitOutcome> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retries = deps.postRetries ?? 6;
  let submission: SubmittedView | null = null;
  for (let attempt = 0; submission === null; attempt++) {
    let res: Response | null = null;
    try {
      res = await deps.fetch("/api/submissions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    } catch {
      res = null; // the network dropped the request (a restart, a flaky Wi-Fi): retried below with the same id
    }
    if (res && !RETRIABLE.has(res.status)) {
      if (res.status === 401) return { kind: "signin" };
      const json = (await res.json().catch(() => ({}))) as { submission?: SubmittedView; error?: LocalizedText };
      if (!res.ok || !json.submission) return { kind: "refused", status: res.status, error: json.error ?? null };
      submission = json.submission;
      break;
    }
    if (attempt >= retries) return { kind: "unreachable" };
    await sleep(Math.min(8000, 500 * 2 ** attempt));
  }
  const until = Date.now() + (deps.pollForMs ?? 5 * 60_000);
  while (submission.status === "PENDING") {
    deps.onProgress?.(submission.queue ?? null);
    if (Date.now() > until) return { kind: "pending", submission };
    await sleep(1000);
    try {
      const res = await deps.fetch(`/api/submissions/${encodeURIComponent(submission.id)}`);
      if (res.status === 401) return { kind: "signin" };
      if (res.ok) {
        const json = (await res.json()) as { submission?: SubmittedView };
        if (json.submission) submission = json.submission;
      }
    } catch {
      // Unreachable for a moment: keep polling; the submission is stored and its job is queued.
    }
  }
  return { kind: "done", submission };
}
