/**
 * What the grading benchmarks share: a learner over HTTP (cookies, next-auth CSRF sign-in, submit and wait for the
 * verdict the way the page does), the two softmax solutions, quantiles and the load average.
 */
import http from "node:http";
import os from "node:os";

/**
 * Submits and polls go through node:http on kept-alive connections rather than fetch: undici's Request, header
 * validation and body streams made the client a noticeable share of the CPU the benchmark shares with the server.
 */
const keepAlive = new http.Agent({ keepAlive: true });

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

  /** A JSON request over node:http (https: through fetch). Rejects on a network failure, like fetch. */
  async json(method: "GET" | "POST", url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    if (!this.base.startsWith("http:")) {
      const res = await this.fetch(url, { method, ...(text === undefined ? {} : { body: text, headers: { "content-type": "application/json" } }) });
      return { status: res.status, body: await res.json().catch(() => ({})) };
    }
    const target = new URL(url, this.base);
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "), origin: this.base };
      if (text !== undefined) {
        headers["content-type"] = "application/json";
        headers["content-length"] = Buffer.byteLength(text);
      }
      const req = http.request({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method, headers, agent: keepAlive }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          for (const c of res.headers["set-cookie"] ?? []) {
            const [k, ...v] = (c.split(";")[0] ?? "").split("=");
            if (k) this.cookies.set(k.trim(), v.join("="));
          }
          let parsed: unknown = {};
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          } catch {
            // not JSON (an error page): the caller sees no submission
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on("error", reject);
      req.end(text);
    });
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
    const res = await this.json("POST", "/api/submissions", { exerciseId: "softmax", code, clientSubmissionId });
    let submission = (res.body as { submission?: SubmissionAnswer }).submission ?? null;
    const until = Date.now() + maxMs;
    while (submission?.status === "PENDING" && Date.now() < until) {
      await new Promise((r) => setTimeout(r, pollMs));
      const again = await this.json("GET", `/api/submissions/${submission.id}`);
      if (again.status === 200) submission = (again.body as { submission: SubmissionAnswer }).submission;
    }
    return { http: res.status, submission };
  }
}
