/**
 * What the grading benchmarks share: a learner over HTTP (cookies, next-auth CSRF sign-in, submit and wait for the
 * verdict the way the page does), the two softmax solutions, quantiles and the load average.
 */
import os from "node:os";

export const CORRECT_SOFTMAX =
  "export function softmax(z: number[]): number[] {\n  const m = Math.max(...z);\n  const e = z.map((x) => Math.exp(x - m));\n  const s = e.reduce((a, b) => a + b, 0);\n  return e.map((x) => x / s);\n}\n";
/** Overflows on large logits: the hidden cases must fail it. */
export const NAIVE_SOFTMAX = "export function softmax(z: number[]): number[] {\n  const e = z.map(Math.exp);\n  const s = e.reduce((a, b) => a + b, 0);\n  return e.map((x) => x / s);\n}\n";

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export function stringArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? sorted[0]!;
}

export function loadAverage(): string {
  return `load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} (${os.availableParallelism()} cores)`;
}

/** Runs fn over items with at most `width` at once. */
export async function inParallel<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

export interface SubmissionAnswer {
  id: string;
  status: "PENDING" | "GRADED" | "ERROR";
  score: number | null;
  verdict: { status: string } | null;
}

export class Learner {
  cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly email: string,
    readonly password = "correct horse battery staple",
  ) {}

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    headers.set("origin", this.base);
    const res = await fetch(`${this.base}${url}`, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = (pair ?? "").split("=");
      if (k) this.cookies.set(k.trim(), v.join("="));
    }
    return res;
  }

  async signUpAndIn(): Promise<void> {
    const signup = await fetch(`${this.base}/api/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: this.base },
      body: JSON.stringify({ email: this.email, displayName: this.email.split("@")[0], password: this.password }),
    });
    if (signup.status !== 201 && signup.status !== 409) throw new Error(`sign-up of ${this.email}: HTTP ${signup.status} ${await signup.text()}`);
    const { csrfToken } = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email: this.email, password: this.password, json: "true" }).toString(),
    });
    const { url } = (await res.json()) as { url: string };
    if (url.includes("error=")) throw new Error(`sign-in of ${this.email} failed: ${url}`);
  }

  /** POST, then poll GET /api/submissions/[id] while PENDING, as the page does. Throws on a network failure. */
  async submitAndWait(code: string, clientSubmissionId: string, pollMs = 250, maxMs = 120_000): Promise<{ http: number; submission: SubmissionAnswer | null }> {
    const res = await this.fetch("/api/submissions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ exerciseId: "softmax", code, clientSubmissionId }),
    });
    const body = (await res.json().catch(() => ({}))) as { submission?: SubmissionAnswer };
    let submission = body.submission ?? null;
    const until = Date.now() + maxMs;
    while (submission?.status === "PENDING" && Date.now() < until) {
      await new Promise((r) => setTimeout(r, pollMs));
      const again = await this.fetch(`/api/submissions/${submission.id}`);
      if (again.ok) submission = ((await again.json()) as { submission: SubmissionAnswer }).submission;
    }
    return { http: res.status, submission };
  }
}
