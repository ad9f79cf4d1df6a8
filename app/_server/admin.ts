import { requireRole } from "./authz";
import { createCohort } from "./cohorts";
import type { Db } from "./db/client";
import { listUsers, setRole, type PublicUser } from "./users";
import { queueHealth, type QueueHealth } from "./grading/health";

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
