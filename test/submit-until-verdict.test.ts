import { describe, expect, it } from "vitest";
import { submitUntilVerdict, type SubmittedView } from "../app/_components/exercise/submit-until-verdict";

const base: SubmittedView = { id: "s1", status: "PENDING", score: null, verdict: null, createdAt: "2026-01-01T00:00:00.000Z" };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("the page's submit", () => {
  it("retries a POST lost on the network with the same clientSubmissionId, then follows the queue to the verdict", async () => {
    const posts: string[] = [];
    const answers: (() => Response)[] = [
      () => json(200, { submission: { ...base, queue: { state: "queued", ahead: 3 } } }),
      () => json(200, { submission: { ...base, queue: { state: "grading", ahead: 0 } } }),
      () => json(200, { submission: { ...base, status: "GRADED", score: 1 } }),
    ];
    let postCalls = 0;
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      if (init?.method === "POST") {
        posts.push(JSON.parse(String(init.body)).clientSubmissionId as string);
        if (postCalls++ === 0) throw new TypeError("Failed to fetch");
        if (postCalls === 2) return json(503, { ok: false });
        return answers.shift()!();
      }
      expect(url).toBe("/api/submissions/s1");
      return answers.shift()!();
    }) as typeof fetch;
    const progress: unknown[] = [];
    const outcome = await submitUntilVerdict(
      { exerciseId: "softmax", code: "x", clientSubmissionId: "client-123" },
      { fetch: fakeFetch, sleep: async () => {}, onProgress: (q) => progress.push(q) },
    );
    expect(posts).toEqual(["client-123", "client-123", "client-123"]);
    expect(progress).toEqual([{ state: "queued", ahead: 3 }, { state: "grading", ahead: 0 }]);
    expect(outcome).toMatchObject({ kind: "done", submission: { status: "GRADED", score: 1 } });
  });

  it("gives up after its retries and says the server is unreachable; a refusal is not retried", async () => {
    let calls = 0;
    const down = (async () => {
      calls++;
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect(await submitUntilVerdict({ exerciseId: "e", code: "x", clientSubmissionId: "c-1" }, { fetch: down, sleep: async () => {}, postRetries: 2 })).toEqual({ kind: "unreachable" });
    expect(calls).toBe(3);
    const refused = (async () => json(429, { error: { en: "Wait 5 s", ja: "5 秒" } })) as typeof fetch;
    expect(await submitUntilVerdict({ exerciseId: "e", code: "x", clientSubmissionId: "c-2" }, { fetch: refused, sleep: async () => {} })).toEqual({
      kind: "refused",
      status: 429,
      error: { en: "Wait 5 s", ja: "5 秒" },
    });
  });
});
