import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { LocalizedText } from "../../graders/text";
import type { Role, User } from "../_generated/sqlite/client";
import type { Db } from "./db/client";
import { fromSqliteDate, sqliteDirect } from "./db/sqlite-direct";
import { AppError, msg, parseInput } from "./errors";
import { dummyPasswordHash, hashPassword, passwordWeakness, verifyPassword, MAX_PASSWORD_LENGTH } from "./passwords";
import { visibleName } from "./text-fields";
import { clearLimit, failuresInWindow, recordFailure, releaseSlot, takeSlot, type RateLimitRule } from "./rate-limit";

export const ROLES = ["STUDENT", "INSTRUCTOR", "ADMIN"] as const satisfies readonly Role[];

export type PublicUser = Pick<User, "id" | "email" | "displayName" | "role" | "locale" | "createdAt">;

const publicFields = { id: true, email: true, displayName: true, role: true, locale: true, createdAt: true } as const;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const emailField = z
  .string({ error: msg("Enter your email address.", "メールアドレスを入力してください。") })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: msg("Enter a valid email address, like name@example.org.", "name@example.org のような正しいメールアドレスを入力してください。") }));

export const signUpSchema = z.object({
  email: emailField,
  displayName: visibleName(60, { en: "Enter the name others will see (at least one visible character).", ja: "表示名を入力してください（見える文字を 1 文字以上）。" }),
  password: z
    .string({ error: msg("Choose a password.", "パスワードを入力してください。") })
    .max(MAX_PASSWORD_LENGTH, { error: msg(`Use at most ${MAX_PASSWORD_LENGTH} characters.`, `${MAX_PASSWORD_LENGTH} 文字以内にしてください。`) }),
  locale: z.enum(["en", "ja"]).default("en"),
}).superRefine((data, ctx) => {
  // Checked with the other fields so that one submission reports every problem at once.
  const weakness = passwordWeakness(data.password, data.email);
  if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: msg(weakness.en, weakness.ja) });
});

export type SignUpInput = z.input<typeof signUpSchema>;

export const DUPLICATE_EMAIL: LocalizedText = {
  en: "An account with this email already exists. Sign in instead, or use another email.",
  ja: "このメールアドレスのアカウントはすでにあります。サインインするか、別のメールアドレスを使ってください。",
};

export async function signUp(db: Db, input: unknown, role: Role = "STUDENT"): Promise<PublicUser> {
  const data = parseInput(signUpSchema, input);
  const existing = await db.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) throw new AppError(409, DUPLICATE_EMAIL, { email: DUPLICATE_EMAIL });
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.user.create({
      data: { email: data.email, displayName: data.displayName, passwordHash, role, locale: data.locale },
      select: publicFields,
    });
  } catch (error) {
    // Two sign-ups with one email at the same moment: the unique index decides, the loser reads the same message.
    if ((error as { code?: string }).code === "P2002") throw new AppError(409, DUPLICATE_EMAIL, { email: DUPLICATE_EMAIL });
    throw error;
  }
}

export const SIGN_IN_RULES = {
  /** Failures of one client on one account: then that client is refused on that account until the window ends. */
  accountClient: { limit: 5, windowMs: 15 * 60 * 1000 } satisfies RateLimitRule,
  /** Failures of one client over all accounts (guessing across a class list). */
  client: { limit: 30, windowMs: 15 * 60 * 1000 } satisfies RateLimitRule,
  /** Failures on one account from all clients: beyond this every attempt on it is slowed down, never refused. */
  account: { limit: 10, windowMs: 15 * 60 * 1000 } satisfies RateLimitRule,
};

/** The wait before checking a password on an account under attack from many clients. */
export const SIGN_IN_SLOWDOWN_MS = 2000;

export type SignInResult =
  | { ok: true; user: PublicUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterMs: number };

export const WRONG_CREDENTIALS: LocalizedText = {
  en: "The email or the password is wrong. Check both and try again.",
  ja: "メールアドレスかパスワードが違います。両方を確かめて、もう一度お試しください。",
};

export function rateLimitedText(retryAfterMs: number): LocalizedText {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return {
    en: `Too many failed sign-ins. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or ask an administrator to reset your password.`,
    ja: `サインインの失敗が多すぎます。${minutes} 分待ってからもう一度お試しください。またはパスワードの再設定を管理者に依頼してください。`,
  };
}

export interface SignInDeps {
  /** How the slowdown waits; tests record it instead of sleeping. */
  sleep(ms: number): Promise<void>;
}

const realSleep: SignInDeps = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * Checks an email and password from a client (its address, client-address.ts). Failures count per (account,
 * client) and per client, each attempt taking its slot atomically before the password is checked, so concurrent
 * guesses cannot slip past a limit; a success gives the slots back. Failures from other clients never lock an
 * account: they only slow every attempt on it down, so nobody can lock a classmate out by typing wrong passwords.
 */
export async function signIn(db: Db, email: string, password: string, client: string | undefined, now = new Date(), deps: SignInDeps = realSleep): Promise<SignInResult> {
  const normalized = normalizeEmail(email);
  const from = client || "unknown";
  const keys = {
    accountClient: `signin:account-client:${normalized}|${from}`,
    client: `signin:client:${from}`,
    account: `signin:account:${normalized}`,
  };
  const pair = await takeSlot(db, keys.accountClient, SIGN_IN_RULES.accountClient, now);
  if (pair.limited) return { ok: false, reason: "rate-limited", retryAfterMs: pair.retryAfterMs };
  const byClient = await takeSlot(db, keys.client, SIGN_IN_RULES.client, now);
  if (byClient.limited) {
    await releaseSlot(db, keys.accountClient);
    return { ok: false, reason: "rate-limited", retryAfterMs: byClient.retryAfterMs };
  }
  if ((await failuresInWindow(db, keys.account, SIGN_IN_RULES.account, now)) >= SIGN_IN_RULES.account.limit) {
    await deps.sleep(SIGN_IN_SLOWDOWN_MS);
  }
  const user = normalized && password.length <= MAX_PASSWORD_LENGTH ? await db.user.findUnique({ where: { email: normalized } }) : null;
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid) {
    // The two slots stay taken: they are this failure.
    await recordFailure(db, keys.account, SIGN_IN_RULES.account, now);
    return { ok: false, reason: "invalid" };
  }
  await clearLimit(db, keys.accountClient);
  await releaseSlot(db, keys.client);
  const { passwordHash: _omit, updatedAt: _u, ...rest } = user;
  return { ok: true, user: rest };
}

export async function findUser(db: Db, id: string): Promise<PublicUser | null> {
  return db.user.findUnique({ where: { id }, select: publicFields });
}

/** A session token's user and the session version it was issued under. */
export interface SessionRef {
  id: string;
  version: number;
}

/** The user of a session, read with its role; null when the account is gone or the token was revoked. */
export async function findSessionUser(db: Db, ref: SessionRef): Promise<PublicUser | null> {
  // Every request of a signed-in user runs this: on SQLite one direct statement (db/sqlite-direct.ts).
  const direct = sqliteDirect(db);
  const row = direct
    ? await direct.run((q) => sessionRow(q.get<SessionRow>(SESSION_USER_SQL, ref.id)))
    : await db.user.findUnique({ where: { id: ref.id }, select: { ...publicFields, sessionVersion: true } });
  if (!row || row.sessionVersion !== ref.version) return null;
  const { sessionVersion: _v, ...user } = row;
  return user;
}

const SESSION_USER_SQL = `SELECT "id", "email", "displayName", "role", "locale", "createdAt", "sessionVersion" FROM "User" WHERE "id" = ?`;
type SessionRow = Omit<PublicUser, "createdAt"> & { createdAt: string; sessionVersion: number };
const sessionRow = (row: SessionRow | undefined) => (row ? { ...row, createdAt: fromSqliteDate(row.createdAt) } : null);

/**
 * Ends every session of a user (sign-out, password change, role change, "sign out everywhere"). With `from`, only
 * when the version is still that one, so a stale token signing out cannot end a newer session twice over.
 */
export async function revokeSessions(db: Db, userId: string, from?: number): Promise<void> {
  await db.user.updateMany({ where: { id: userId, ...(from === undefined ? {} : { sessionVersion: from }) }, data: { sessionVersion: { increment: 1 } } });
}

/** The version a new session token is issued under. */
export async function sessionVersionOf(db: Db, userId: string): Promise<number> {
  return (await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } }))?.sessionVersion ?? 0;
}

export async function listUsers(db: Db, take = 500): Promise<PublicUser[]> {
  return db.user.findMany({ select: publicFields, orderBy: [{ role: "desc" }, { createdAt: "asc" }], take });
}

export const setRoleSchema = z.object({
  userId: z.string({ error: msg("Choose a user.", "ユーザーを選んでください。") }).min(1, { error: msg("Choose a user.", "ユーザーを選んでください。") }),
  role: z.enum(ROLES, { error: msg("Choose STUDENT, INSTRUCTOR or ADMIN.", "STUDENT、INSTRUCTOR、ADMIN のいずれかを選んでください。") }),
});

/** Changes a user's role. Callers must have checked that the actor is an admin (app/_server/authz.ts). */
export async function setRole(db: Db, actor: PublicUser, input: unknown): Promise<PublicUser> {
  const { userId, role } = parseInput(setRoleSchema, input);
  if (actor.id === userId && role !== "ADMIN") {
    throw new AppError(400, {
      en: "You cannot remove your own admin role; ask another admin to do it.",
      ja: "自分自身の管理者権限は外せません。別の管理者に依頼してください。",
    });
  }
  const target = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!target) throw new AppError(404, { en: "There is no such user; reload the list.", ja: "そのユーザーは存在しません。一覧を再読み込みしてください。" });
  // A role change ends the user's sessions: they sign in again and see the app as their new role allows.
  return db.user.update({ where: { id: userId }, data: { role, sessionVersion: { increment: 1 } }, select: publicFields });
}

/** For `npm run admin:create`: creates the account as ADMIN, or makes an existing account ADMIN with the new password. */
export async function createOrPromoteAdmin(db: Db, input: { email: string; password: string; displayName?: string }): Promise<{ user: PublicUser; created: boolean }> {
  const email = normalizeEmail(input.email);
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!existing) {
    const user = await signUp(db, { email, password: input.password, displayName: input.displayName ?? email.split("@")[0] ?? "admin" }, "ADMIN");
    return { user, created: true };
  }
  const weakness = passwordWeakness(input.password, email);
  if (weakness) throw new AppError(400, weakness, { password: weakness });
  const user = await db.user.update({
    where: { email },
    data: { role: "ADMIN", passwordHash: await hashPassword(input.password) },
    select: publicFields,
  });
  return { user, created: false };
}

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
}

export const DEMO_EMAILS = { student: "student@demo.ml-dojo.local", instructor: "instructor@demo.ml-dojo.local" } as const;

/**
 * Creates the demo student and instructor on first start with random passwords, and returns them (to be printed
 * once); returns [] when they already exist.
 */
export async function ensureDemoAccounts(db: Db): Promise<DemoAccount[]> {
  const created: DemoAccount[] = [];
  for (const [kind, email] of Object.entries(DEMO_EMAILS)) {
    if (await db.user.findUnique({ where: { email }, select: { id: true } })) continue;
    const password = `demo-${randomBytes(6).toString("hex")}`;
    const role: Role = kind === "instructor" ? "INSTRUCTOR" : "STUDENT";
    await signUp(db, { email, password, displayName: kind === "instructor" ? "Demo Instructor" : "Demo Student" }, role);
    created.push({ email, password, role });
  }
  return created;
}
