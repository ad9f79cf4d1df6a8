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
    const adminPage = await (await browser.fetch("/admin/users")).text();
    expect(adminPage).toContain("needs the ADMIN role");

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

  it("answers malformed bodies with 400 and field messages", async () => {
    const res = await fetch(`${base}/api/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(res.status).toBe(400);
    const form = await fetch(`${base}/api/signup`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=nope&displayName=N&password=x",
    });
    expect(form.status).toBe(400);
    expect(Object.keys(((await form.json()) as { fieldErrors: object }).fieldErrors).sort()).toEqual(["email", "password"]);
  });
});
