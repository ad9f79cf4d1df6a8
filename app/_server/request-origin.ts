import "server-only";
import { headers } from "next/headers";

/**
 * The origin as the current browser sees it, for links shown on a page to be pasted to students (join links,
 * password links): a teacher on the LAN address gets LAN links. Never used for e-mailed links, whose host a
 * client must not choose (forgot-password.ts uses NEXTAUTH_URL).
 */
export async function browserOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return process.env.NEXTAUTH_URL ?? "";
  const proto = h.get("x-forwarded-proto") ?? (process.env.NEXTAUTH_URL?.startsWith("https:") ? "https" : "http");
  return `${proto}://${host}`;
}
