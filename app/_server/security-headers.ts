/**
 * The headers every page is sent with (next.config.ts). The CSP allows what the app itself needs and nothing else:
 * - scripts from this origin only, plus inline scripts, which Next's App Router writes into every page to
 *   hand the server-rendered data to React (no nonce support without rendering every page per request);
 * - inline styles: KaTeX's layout uses style attributes, Monaco injects its theme as <style> elements;
 * - workers from this origin and blob: (Monaco wraps its worker bootstrap in a blob: URL; /vs serves the rest);
 * - fonts from this origin (KaTeX's, bundled under /_next/static/media) and data: (Monaco's codicon fallback);
 * - fetches to this origin only; no frames, no plugins, no embedding in other sites' frames.
 * The in-browser Run worker (graders/browser/worker.ts) evaluates the learner's code with `new Function`; it is a
 * script under /_next/static/, which gets no CSP header (see next.config.ts), so eval stays allowed there only.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(dev: boolean): Array<{ key: string; value: string }> {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
  ];
}
