/**
 * Where the app may send a browser after sign-in: a path on this site, never another host. The candidate is
 * parsed with URL against the site's origin (as a browser would resolve it), so `//host`, `/\host`, `%5C`,
 * tabs and newlines (which URL strips) and absolute URLs are judged by where they really lead. The answer is a
 * relative path, so the browser stays on whichever address it used (a LAN address included).
 */
const BASE = "http://ml-dojo.invalid";

export function safeCallbackPath(value: string | string[] | undefined | null, fallback = "/"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || raw.length > 2000 || !raw.startsWith("/")) return fallback;
  // Control characters and backslashes have no place in a path of ours; browsers treat some of them as "/".
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A same-origin URL can still serialize to "//host…" ("/.//host"), which a browser reads as another host.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
