import { requireRole } from "./authz";
import { createCohort } from "./cohorts";
import type { Db } from "./db/client";
import { z } from "zod";
import { AppError, msg, parseInput } from "./errors";
import { queueHealth, type QueueHealth } from "./grading/health";
import { listUsers, revokeSessions, setRole, type PublicUser } from "./users";

/**
 * The protected operations with their role check built in: route handlers and server actions call these with
 * the session's user id, so no caller can forget the check.
 */
export async function listUsersAs(db: Db, actorId: string | undefined): Promise<PublicUser[]> {
  await requireRole(db, actorId, "ADMIN");
  return listUsers(db);
}

export async function setRoleAs(db: Db, actorId: string | undefined, input: unknown): Promise<PublicUser> {
  const actor = await requireRole(db, actorId, "ADMIN");
  return setRole(db, actor, input);
}

export async function createCohortAs(db: Db, actorId: string | undefined, input: unknown) {
  const actor = await requireRole(db, actorId, "INSTRUCTOR");
  return createCohort(db, actor, input);
}

export async function queueHealthAs(db: Db, actorId: string | undefined): Promise<QueueHealth> {
  await requireRole(db, actorId, "ADMIN");
  return queueHealth(db);
}

const userIdSchema = z.object({ userId: z.string({ error: msg("Choose a user.", "ユーザーを選んでください。") }).min(1).max(100) });

/** "Sign out everywhere": ends every session of the user (a lost laptop, a shared computer). Admins only. */
export async function signOutEverywhereAs(db: Db, actorId: string | undefined, input: unknown): Promise<void> {
  await requireRole(db, actorId, "ADMIN");
  const { userId } = parseInput(userIdSchema, input);
  const target = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!target) throw new AppError(404, { en: "There is no such user; reload the list.", ja: "そのユーザーは存在しません。一覧を再読み込みしてください。" });
  await revokeSessions(db, userId);
}
