import { AppError } from "./errors";

/**
 * The checks every state-changing request passes before a handler sees it (http.ts `handler` runs them):
 * the request comes from the site's own pages, says it carries JSON (or a form, for next-auth's own endpoints),
 * and declares no body larger than the limit. Pure functions of the headers, so they are tested without a server.
 */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const MAX_BODY_BYTES = 256 * 1024;

export const CROSS_SITE = new AppError(403, {
  en: "This request came from another site and was refused. Use ml-dojo's own pages.",
  ja: "別のサイトからのリクエストのため拒否しました。ml-dojo のページから操作してください。",
});

export const TOO_LARGE = new AppError(413, {
  en: `The request is too large (at most ${MAX_BODY_BYTES / 1024} KB). Shorten the text and try again.`,
  ja: `リクエストが大きすぎます（最大 ${MAX_BODY_BYTES / 1024} KB）。内容を短くして、もう一度お試しください。`,
});

export function unsupportedType(accepted: BodyKind): AppError {
  const what = accepted === "json" ? "application/json" : "application/x-www-form-urlencoded";
  return new AppError(415, {
    en: `The request body must be sent as ${what}.`,
    ja: `リクエスト本文は ${what} で送ってください。`,
  });
}

export type BodyKind = "json" | "form";

/** The origins this site is reached at: the configured public URL, and the Host the request was sent to. */
export function siteOrigins(headers: Headers, protocol: string, publicUrl: string | undefined): Set<string> {
  const origins = new Set<string>();
  if (publicUrl) {
    try {
      origins.add(new URL(publicUrl).origin);
    } catch {
      // env.ts validates NEXTAUTH_URL; an unparsable one simply adds nothing here
    }
  }
  const host = headers.get("host");
  if (host) {
    try {
      origins.add(new URL(`${protocol.replace(/:$/, "")}://${host}`).origin);
    } catch {
      // a malformed Host header matches no origin
    }
  }
  return origins;
}

/**
 * True when a browser says the request was made by another site (another host, or another port of this host,
 * which SameSite=Lax cookies do not stop). Browsers send Origin on every POST/PUT/PATCH/DELETE and
 * Sec-Fetch-Site on every request; a request with neither comes from a non-browser client (curl, a script),
 * which cannot carry a victim's cookies, so it is not a cross-site forgery.
 */
export function isCrossSite(headers: Headers, origins: Set<string>): boolean {
  const origin = headers.get("origin");
  if (origin !== null) return origin === "null" || !origins.has(origin);
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  return false;
}

function declaresBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  return headers.has("transfer-encoding") || (length !== null && length.trim() !== "0");
}

/** Throws the AppError a state-changing request deserves, or returns when it may go on. */
export function guardStateChange(method: string, headers: Headers, protocol: string, publicUrl: string | undefined, accepts: BodyKind): void {
  if (!STATE_CHANGING_METHODS.has(method.toUpperCase())) return;
  if (isCrossSite(headers, siteOrigins(headers, protocol, publicUrl))) throw CROSS_SITE;
  const length = Number(headers.get("content-length") ?? "0");
  if (!Number.isFinite(length) || length > MAX_BODY_BYTES) throw TOO_LARGE;
  if (declaresBody(headers) || headers.has("content-type")) {
    const type = (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const wanted = accepts === "json" ? "application/json" : "application/x-www-form-urlencoded";
    if (type !== wanted) throw unsupportedType(accepts);
  }
}

/**
 * Reads at most `limit` bytes of a body stream, cancelling the stream as soon as more arrive, so a body without
 * (or lying about) Content-Length is never buffered beyond the limit.
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw TOO_LARGE;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
