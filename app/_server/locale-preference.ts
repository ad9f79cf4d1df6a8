import { z } from "zod";
import type { Locale } from "../../graders/text";
import type { Db } from "./db/client";
import { msg, NOT_SIGNED_IN, parseInput } from "./errors";

/** The ja/en switch: remembered on the account, so every page and device shows the learner's language. */
export const localeSchema = z.object({
  locale: z.enum(["en", "ja"], { error: msg('Choose "en" or "ja".', "「en」か「ja」を選んでください。") }),
});

export async function setUserLocale(db: Db, userId: string | undefined, input: unknown): Promise<Locale> {
  if (!userId) throw NOT_SIGNED_IN;
  const { locale } = parseInput(localeSchema, input);
  const updated = await db.user.updateMany({ where: { id: userId }, data: { locale } });
  if (updated.count === 0) throw NOT_SIGNED_IN;
  return locale;
}
