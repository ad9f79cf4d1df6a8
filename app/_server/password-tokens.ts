import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "./db/client";
import { AppError, msg, parseInput } from "./errors";
import { hashPassword, MAX_PASSWORD_LENGTH, passwordWeakness } from "./passwords";
import { hasRole, requireRole } from "./authz";
import { clearLimit } from "./rate-limit";

/**
 * One-time links to set a password: an admin's (or a student's instructor's) reset link, the "forgot password"
 * email and the roster import's set-password links. Only a hash of the secret is stored; using a link sets the
 * password, marks the link used and ends every session of the account (users.ts session version).
 */
export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** Roster links are handed out in class, often days after the import. */
export const SET_PASSWORD_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const PASSWORD_LINK_PATH = "/reset-password/";

export interface PasswordLink {
  /** A path on this site (/reset-password/<secret>); the page that shows it prefixes the address in use. */
  path: string;
  expiresAt: Date;
}

function hashOf(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Issues a link for the user; earlier unused links of the user stop working (only the newest counts). */
export async function issuePasswordLink(db: Db, userId: string, ttlMs = RESET_LINK_TTL_MS, now = new Date()): Promise<PasswordLink> {
  return db.$transaction(async (tx) => issuePasswordLinkIn(tx as unknown as Db, userId, ttlMs, now));
}

/** The same inside a transaction the caller holds (the roster import). */
export async function issuePasswordLinkIn(tx: Db, userId: string, ttlMs: number, now = new Date()): Promise<PasswordLink> {
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs);
  await tx.passwordToken.deleteMany({ where: { userId, usedAt: null } });
  await tx.passwordToken.create({ data: { tokenHash: hashOf(secret), userId, expiresAt } });
  return { path: `${PASSWORD_LINK_PATH}${secret}`, expiresAt };
}

const userIdSchema = z.object({ userId: z.string({ error: msg("Choose a user.", "ユーザーを選んでください。") }).min(1).max(100) });

const NO_SUCH_USER = new AppError(404, { en: "There is no such user; reload the list.", ja: "そのユーザーは存在しません。一覧を再読み込みしてください。" });

/**
 * A reset link for someone who lost their password, made by an admin (anyone) or an instructor (a student of a
 * cohort they own or co-instruct; 403 for anyone else, so an instructor cannot take over another's account).
 */
export async function createResetLinkAs(db: Db, actorId: string | undefined, input: unknown, now = new Date()): Promise<PasswordLink & { email: string }> {
  const actor = await requireRole(db, actorId, "INSTRUCTOR");
  const { userId } = parseInput(userIdSchema, input);
  const target = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
  if (!hasRole(actor, "ADMIN")) {
    const teaches =
      target?.role === "STUDENT" &&
      (await db.enrollment.count({
        where: {
          userId,
          role: "STUDENT",
          cohort: { OR: [{ ownerId: actor.id }, { enrollments: { some: { userId: actor.id, role: "INSTRUCTOR" } } }] },
        },
      })) > 0;
    if (!teaches) {
      throw new AppError(403, {
        en: "You can make reset links only for students of your own cohorts. Ask an administrator for anyone else.",
        ja: "再設定リンクを作れるのは自分のコホートの学生だけです。それ以外は管理者に依頼してください。",
      });
    }
  }
  if (!target) throw NO_SUCH_USER;
  return { ...(await issuePasswordLink(db, target.id, RESET_LINK_TTL_MS, now)), email: target.email };
}

export const LINK_UNUSABLE = new AppError(410, {
  en: "This link has expired or was already used. Ask your instructor or an administrator for a new one, or use “Forgot password?” on the sign-in page.",
  ja: "このリンクは期限切れか、すでに使われています。担当の先生か管理者に新しいリンクを依頼するか、サインイン画面の「パスワードを忘れた場合」を使ってください。",
});

const useLinkSchema = z.object({
  secret: z.string().min(10).max(200),
  password: z
    .string({ error: msg("Choose a password.", "パスワードを入力してください。") })
    .max(MAX_PASSWORD_LENGTH, { error: msg(`Use at most ${MAX_PASSWORD_LENGTH} characters.`, `${MAX_PASSWORD_LENGTH} 文字以内にしてください。`) }),
});

/** Whether a link can still be used, and for which email (the page shows it so the person knows which account). */
export async function passwordLinkAccount(db: Db, secret: string, now = new Date()): Promise<{ email: string } | null> {
  if (secret.length > 200) return null;
  const row = await db.passwordToken.findUnique({ where: { tokenHash: hashOf(secret) }, select: { usedAt: true, expiresAt: true, user: { select: { email: true } } } });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  return { email: row.user.email };
}

/** Sets the password through a link: once, before it expires; every session of the account ends. */
export async function usePasswordLink(db: Db, input: unknown, now = new Date()): Promise<{ email: string }> {
  const { secret, password } = parseInput(useLinkSchema, input);
  const row = await db.passwordToken.findUnique({ where: { tokenHash: hashOf(secret) }, select: { id: true, userId: true, usedAt: true, expiresAt: true, user: { select: { email: true } } } });
  if (!row || row.usedAt || row.expiresAt <= now) throw LINK_UNUSABLE;
  const weakness = passwordWeakness(password, row.user.email);
  if (weakness) throw new AppError(400, weakness, { password: weakness });
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    // Conditional on usedAt: of two uses at once, one wins and the other reads "already used".
    const claimed = await tx.passwordToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) throw LINK_UNUSABLE;
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  });
  // The owner is back in: their own typos no longer count against the account.
  await clearLimit(db, `signin:account:${row.user.email}`);
  return { email: row.user.email };
}

/** The message that shows a fresh reset link to the admin or instructor who made it, to hand to its owner. */
export function resetLinkMessage(link: PasswordLink & { email: string }, origin: string): { en: string; ja: string } {
  const url = `${origin}${link.path}`;
  return {
    en: `Reset link for ${link.email} (works once, for 24 hours; give it only to them): ${url}`,
    ja: `${link.email} のパスワード再設定リンク（1 回だけ、24 時間有効。本人だけに渡してください）: ${url}`,
  };
}
