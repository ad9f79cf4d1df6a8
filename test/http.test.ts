import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_START_TIMEOUT_MS, startApp, type RunningApp } from "./browser/support";

/**
 * The app as `npm start` serves it: production build, real HTTP, real next-auth flow with CSRF and cookies,
 * on a fresh embedded database. Started through the browser-test harness, which lets one app at a time use the
 * checkout's .next/ (a build must not rewrite it under another test's server).
 */
let app: RunningApp;
let base = "";
let output = "";

beforeAll(async () => {
  app = await startApp("http");
  base = app.url;
  output = app.log();
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await app?.stop();
});

class Browser {
  cookies = new Map<string, string>();
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(`${base}${url}`, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = (pair ?? "").split("=");
      if (k) this.cookies.set(k.trim(), v.join("="));
    }
    return res;
  }
  async signIn(email: string, password: string): Promise<string> {
    const { csrfToken } = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
    });
    return ((await res.json()) as { url: string }).url;
  }
}

describe("the app over HTTP (npm start)", () => {
  it("prints its URL and the demo accounts on first start", () => {
    expect(output).toMatch(/ml-dojo is running at http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toMatch(/student\s+student@demo\.ml-dojo\.local\s+password: demo-[0-9a-f]{12}/);
    expect(output).toMatch(/instructor\s+instructor@demo\.ml-dojo\.local\s+password: demo-[0-9a-f]{12}/);
  });

  it("serves the home page and a real 404 page for unknown routes", async () => {
    const home = await fetch(base);
    expect(home.status).toBe(200);
    // Never framed by another site; no MIME sniffing; no full URLs in Referer to other sites.
    const csp = home.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");
    expect(home.headers.get("referrer-policy")).toBe("same-origin");
    expect(await home.text()).toContain("ml-dojo");
    const missing = await fetch(`${base}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Page not found");
  });

  it("signs up, signs in, refuses a student on admin routes with 403, and signs out", async () => {
    const signup = await fetch(`${base}/api/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "http@example.org", displayName: "Http", password: "correct horse battery" }),
    });
    expect(signup.status).toBe(201);

    const browser = new Browser();
    expect(await browser.signIn("http@example.org", "correct horse battery")).not.toContain("error=");
    const me = (await (await browser.fetch("/api/me")).json()) as { user: { email: string; role: string } };
    expect(me.user).toMatchObject({ email: "http@example.org", role: "STUDENT" });
    expect((await browser.fetch("/api/admin/users")).status).toBe(403);
    expect((await browser.fetch("/api/cohorts", { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"x"}' })).status).toBe(403);
    const adminPage = await browser.fetch("/admin/users");
    expect(adminPage.status).toBe(403);
    expect(await adminPage.text()).toContain("Not allowed");
    const instructorPage = await browser.fetch("/instructor");
    expect(instructorPage.status).toBe(403);
    expect(await instructorPage.text()).toContain("Not allowed");

    const { csrfToken } = (await (await browser.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await browser.fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
    });
    expect((await browser.fetch("/api/me")).status).toBe(401);
  });

  it("says why a sign-in failed, and rate-limits repeated failures", async () => {
    const browser = new Browser();
    expect(await browser.signIn("http@example.org", "wrong password 1")).toContain("error=CredentialsSignin");
    for (let i = 2; i <= 5; i++) await browser.signIn("http@example.org", `wrong password ${i}`);
    expect(await browser.signIn("http@example.org", "correct horse battery")).toMatch(/error=RateLimited/);
  });

  it("counts a client by its socket, not by an X-Forwarded-For it writes itself (no trusted proxy)", async () => {
    const signup = await fetch(`${base}/api/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "spoof@example.org", displayName: "S", password: "correct horse battery" }),
    });
    expect(signup.status).toBe(201);
    const browser = new Browser();
    const attempt = async (password: string, forwarded: string) => {
      const { csrfToken } = (await (await browser.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await browser.fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwarded },
        body: new URLSearchParams({ csrfToken, email: "spoof@example.org", password, json: "true" }).toString(),
      });
      return ((await res.json()) as { url: string }).url;
    };
    for (let i = 1; i <= 5; i++) expect(await attempt(`wrong password ${i}`, `198.51.100.${i}`)).toContain("error=CredentialsSignin");
    // Rotating the header does not give a fresh budget.
    expect(await attempt("wrong password 6", "198.51.100.77")).toContain("error=RateLimited");
  });

  it("answers malformed bodies with 400 and field messages", async () => {
    const res = await fetch(`${base}/api/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(res.status).toBe(400);
    const form = await fetch(`${base}/api/signup`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=nope&displayName=N&password=x",
    });
    // JSON only: a form is what another site's page can post without asking.
    expect(form.status).toBe(415);
  });

  it("refuses a write from another port of the same host with 403, and accepts the site's own origin", async () => {
    const body = JSON.stringify({ email: "csrf@example.org", displayName: "C", password: "correct horse battery" });
    const cross = await fetch(`${base}/api/signup`, { method: "POST", headers: { "content-type": "application/json", origin: "http://127.0.0.1:1" }, body });
    expect(cross.status).toBe(403);
    const own = await fetch(`${base}/api/signup`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body });
    expect(own.status).toBe(201);
  });

  it.each([
    ["with Content-Length", false],
    ["chunked, without Content-Length", true],
  ])("refuses a 200 MB body %s with 413 without buffering it", async (_name, chunked) => {
    const pid = serverPid(new URL(base).port);
    const before = rssKb(pid);
    for (const path of ["/api/signup", "/api/auth/callback/credentials"]) {
      const status = await postHuge(path, 200 * 1024 * 1024, chunked);
      expect(status).toBe(413);
    }
    const grown = rssKb(pid) - before;
    console.log(`next-server RSS before ${before} kB, after two 200 MB posts ${before + grown} kB (+${grown} kB)`);
    expect(grown).toBeLessThan(16 * 1024);
  });
});

/** The pid of the process listening on the app's port (the next-server under npm start). */
function serverPid(port: string): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on port ${port}: ${out}`);
  return Number(pid);
}

function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
}

/** Streams `bytes` of zeros and resolves with the status the server answered with (it may answer early). */
function postHuge(path: string, bytes: number, chunked: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const headers: Record<string, string | number> = { "content-type": path.startsWith("/api/auth") ? "application/x-www-form-urlencoded" : "application/json" };
    if (!chunked) headers["content-length"] = bytes;
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers });
    const chunk = Buffer.alloc(1024 * 1024);
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      while (!answered && sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}
