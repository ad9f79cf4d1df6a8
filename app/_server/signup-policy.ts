import type { Db } from "./db/client";
import { cohortForJoinCode } from "./cohorts";
import { AppError } from "./errors";
import { readEnv } from "./env";
import { signUp, type PublicUser } from "./users";

/**
 * ML_DOJO_SIGNUP: open (anyone creates an account; the default), invite (only with a cohort's join code, or through
 * a roster import's set-password link), closed (accounts come only from roster imports and admins).
 */
export type SignUpMode = "open" | "invite" | "closed";

export function signUpMode(): SignUpMode {
  return readEnv().ML_DOJO_SIGNUP ?? "open";
}

export const SIGN_UP_CLOSED = new AppError(403, {
  en: "This server does not take sign-ups. Ask your instructor for a link to set your password.",
  ja: "このサーバーでは新規登録を受け付けていません。パスワード設定リンクを担当の先生に依頼してください。",
});

const CODE_NEEDED: { en: string; ja: string } = {
  en: "Enter the join code your instructor gave you; this server creates accounts only for class members.",
  ja: "担当の先生から受け取った参加コードを入力してください。このサーバーではクラスのメンバーだけがアカウントを作れます。",
};

/**
 * Creates an account as the mode allows. In invite mode the join code is checked before anything about the email,
 * so without a valid code the answer says nothing about which emails have accounts; with one, the account is
 * created and enrolled in one transaction.
 */
export async function signUpPerPolicy(db: Db, input: unknown, mode: SignUpMode = signUpMode(), now = new Date()): Promise<PublicUser> {
  if (mode === "closed") throw SIGN_UP_CLOSED;
  if (mode === "open") return signUp(db, input);
  const code = input && typeof input === "object" && "code" in input ? (input as { code: unknown }).code : undefined;
  if (typeof code !== "string" || code.trim() === "") throw new AppError(400, CODE_NEEDED, { code: CODE_NEEDED });
  const cohort = await cohortForJoinCode(db, code, now);
  return db.$transaction(async (tx) => {
    const user = await signUp(tx as unknown as Db, input);
    await tx.enrollment.create({ data: { cohortId: cohort.id, userId: user.id, role: "STUDENT" } });
    return user;
  });
}
