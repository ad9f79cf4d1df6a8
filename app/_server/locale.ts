import "server-only";
import { headers } from "next/headers";
import type { Locale, LocalizedText } from "../../graders/text";
import type { PublicUser } from "./users";

/** The language of the page: the user's choice when signed in, else the browser's preference. */
export async function uiLocale(user?: Pick<PublicUser, "locale"> | null): Promise<Locale> {
  if (user) return user.locale;
  const accept = (await headers()).get("accept-language") ?? "";
  return /^\s*ja\b/i.test(accept) ? "ja" : "en";
}

export function t(text: LocalizedText, locale: Locale): string {
  return text[locale];
}
