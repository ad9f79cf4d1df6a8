import { readdirSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GUARDED } from "../app/_server/http";
import { isCrossSite, readLimited, siteOrigins } from "../app/_server/request-guard";

/**
 * Every route handler under app/ that changes state must refuse cross-site requests, other content types and
 * oversized bodies before it does anything. This walks the route files, so a route added tomorrow that forgets
 * the guard fails here.
 */
const APP = path.resolve(__dirname, "../app");
const METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "_generated" ? [] : routeFiles(full);
    return /^route\.tsx?$/.test(e.name) ? [full] : [];
  });
}

type Handler = (req: NextRequest, ctx: unknown) => Promise<Response>;
const SITE = "http://dojo.test:3000";
const ctx = { params: Promise.resolve({ nextauth: ["callback", "credentials"], exerciseId: "softmax", id: "x", path: ["x"] }) };

function request(method: string, headers: Record<string, string>, body?: string): NextRequest {
  const length: Record<string, string> = body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) };
  return new NextRequest(`${SITE}/api/x`, { method, headers: { host: "dojo.test:3000", ...length, ...headers }, body });
}

const files = routeFiles(APP);
const stateChanging: Array<{ route: string; method: string; fn: Handler }> = [];
for (const file of files) {
  const mod = (await import(file)) as Record<string, unknown>;
  for (const method of METHODS) {
    if (typeof mod[method] === "function") stateChanging.push({ route: path.relative(APP, file), method, fn: mod[method] as Handler });
  }
}

describe("the route walk", () => {
  it("finds the state-changing routes (the walk itself works)", () => {
    expect(files.length).toBeGreaterThan(10);
    const names = stateChanging.map((s) => `${s.method} ${s.route}`);
    expect(names).toEqual(expect.arrayContaining(["POST api/submissions/route.ts", "POST api/admin/users/role/route.ts", "POST api/auth/[...nextauth]/route.ts"]));
  });

  it.each(stateChanging.map((s) => [`${s.method} ${s.route}`, s] as const))("%s goes through handler()", (_name, s) => {
    expect((s.fn as unknown as Record<symbol, unknown>)[GUARDED]).toBe(true);
  });

  it.each(stateChanging.map((s) => [`${s.method} ${s.route}`, s] as const))("%s refuses another site, a non-JSON body and an oversized body", async (_name, s) => {
    const json = s.route.includes("nextauth") ? "application/x-www-form-urlencoded" : "application/json";
    const crossPort = await s.fn(request(s.method, { origin: "http://dojo.test:4000", "content-type": json }, "{}"), ctx);
    expect(crossPort.status).toBe(403);
    const crossSite = await s.fn(request(s.method, { "sec-fetch-site": "same-site", "content-type": json }, "{}"), ctx);
    expect(crossSite.status).toBe(403);
    const plain = await s.fn(request(s.method, { origin: SITE, "content-type": "text/plain" }, "{}"), ctx);
    expect(plain.status).toBe(415);
    const huge = await s.fn(request(s.method, { origin: SITE, "content-type": json, "content-length": String(300 * 1024) }), ctx);
    expect(huge.status).toBe(413);
  });
});

describe("the origin check", () => {
  const origins = (host: string, publicUrl?: string) => siteOrigins(new Headers({ host }), "http:", publicUrl);
  it.each([
    ["same origin", { origin: "http://dojo.test:3000" }, false],
    ["another port of the same host", { origin: "http://dojo.test:3001" }, true],
    ["another host", { origin: "http://evil.example" }, true],
    ["another scheme", { origin: "https://dojo.test:3000" }, true],
    ["an opaque origin", { origin: "null" }, true],
    ["Sec-Fetch-Site same-origin", { "sec-fetch-site": "same-origin" }, false],
    ["Sec-Fetch-Site same-site", { "sec-fetch-site": "same-site" }, true],
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }, true],
    ["a cross Origin wins over a same-origin Sec-Fetch-Site", { origin: "http://evil.example", "sec-fetch-site": "same-origin" }, true],
    ["no browser headers (curl)", {}, false],
  ] as const)("%s", (_name, headers, cross) => {
    expect(isCrossSite(new Headers(headers), origins("dojo.test:3000"))).toBe(cross);
  });

  it("accepts the configured public URL as well as the address the request was sent to", () => {
    const set = origins("10.0.0.5:3000", "https://dojo.example.ac.jp");
    expect(isCrossSite(new Headers({ origin: "https://dojo.example.ac.jp" }), set)).toBe(false);
    expect(isCrossSite(new Headers({ origin: "http://10.0.0.5:3000" }), set)).toBe(false);
    expect(isCrossSite(new Headers({ origin: "http://10.0.0.5:3001" }), set)).toBe(true);
  });

  it("caps a streamed body without Content-Length at the limit", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += 64 * 1024;
        c.enqueue(new Uint8Array(64 * 1024));
      },
    });
    await expect(readLimited(stream, 256 * 1024)).rejects.toMatchObject({ status: 413 });
    expect(pulled).toBeLessThanOrEqual(6 * 64 * 1024);
  });
});
