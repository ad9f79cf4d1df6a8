import { z } from "zod";
import type { Db } from "./db/client";
import { msg, parseInput } from "./errors";
import type { Mailer } from "./mailer";
import { issuePasswordLink, RESET_LINK_TTL_MS } from "./password-tokens";
import { takeSlot } from "./rate-limit";
import { normalizeEmail } from "./users";

const forgotSchema = z.object({
  email: z
    .string({ error: msg("Enter your email address.", "メールアドレスを入力してください。") })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: msg("Enter a valid email address, like name@example.org.", "name@example.org のような正しいメールアドレスを入力してください。") })),
});

/** At most this many reset emails per address and hour, so nobody can flood a mailbox through the form. */
export const FORGOT_RULE = { limit: 3, windowMs: 60 * 60 * 1000 };

/**
 * "Forgot password?": emails a one-time link when the address has an account. The caller answers the same in every
 * case and does not wait for `delivery`, so neither the answer nor its timing tells whether the account exists.
 * `publicUrl` is the configured NEXTAUTH_URL, never the request's Host header (which a client chooses).
 */
export async function requestPasswordReset(db: Db, mailer: Mailer, input: unknown, publicUrl: string, now = new Date()): Promise<{ delivery: Promise<void> }> {
  const { email } = parseInput(forgotSchema, input);
  const normalized = normalizeEmail(email);
  const user = await db.user.findUnique({ where: { email: normalized }, select: { id: true, locale: true } });
  if (!user || (await takeSlot(db, `forgot:${normalized}`, FORGOT_RULE, now)).limited) return { delivery: Promise.resolve() };
  const link = await issuePasswordLink(db, user.id, RESET_LINK_TTL_MS, now);
  const url = new URL(link.path, publicUrl).toString();
  const text =
    user.locale === "ja"
      ? `ml-dojo のパスワードを再設定するには、24 時間以内に次のリンクを開いてください（1 回だけ使えます）:\n\n${url}\n\n心当たりがない場合は、このメールを無視してください。`
      : `To set a new password for ml-dojo, open this link within 24 hours (it works once):\n\n${url}\n\nIf you did not ask for this, ignore this email.`;
  const subject = user.locale === "ja" ? "ml-dojo パスワードの再設定" : "ml-dojo password reset";
  const delivery = mailer.send({ to: normalized, subject, text }).catch((error: unknown) => {
    console.error("[ml-dojo] could not send the password-reset email (check ML_DOJO_SMTP_URL):", error);
  });
  return { delivery };
}
