import type { Role } from "../_generated/sqlite/client";
import type { Db } from "./db/client";
import { forbidden, NOT_SIGNED_IN } from "./errors";
import { findUser, type PublicUser } from "./users";

const RANK: Record<Role, number> = { STUDENT: 0, INSTRUCTOR: 1, ADMIN: 2 };

/** Admins can do what instructors can; instructors what students can. */
export function hasRole(user: Pick<PublicUser, "role">, needed: Role): boolean {
  return RANK[user.role] >= RANK[needed];
}

/**
 * The one gate of every protected handler, action and page. The role is read from the database on each call,
 * never trusted from the session token alone, so a promotion or demotion takes effect at once.
 * Throws AppError 401 (no session or the account is gone) or 403 (role too low).
 */
export async function requireRole(db: Db, userId: string | null | undefined, needed: Role): Promise<PublicUser> {
  if (!userId) throw NOT_SIGNED_IN;
  return requireRoleOf(await findUser(db, userId), needed);
}

/** The same gate for a user already read (with its session checked, session.ts). */
export function requireRoleOf(user: PublicUser | null, needed: Role): PublicUser {
  if (!user) throw NOT_SIGNED_IN;
  if (!hasRole(user, needed)) throw forbidden(needed);
  return user;
}
