import "server-only";
import { cookies, headers } from "next/headers";
import type { NextRequest } from "next/server";
import { getToken, type JWT } from "next-auth/jwt";
import type { Role } from "../_generated/sqlite/client";
import { requireRoleOf } from "./authz";
import { getDb } from "./db";
import { authSecret } from "./env";
import { decodeSessionToken } from "./session-token";
import { findSessionUser, type PublicUser, type SessionRef } from "./users";

/**
 * A session token names its user and the user's session version when it was issued. Sign-out, a password change,
 * a role change and an admin's "sign out everywhere" raise the version (users.ts), which ends every older token:
 * the version is compared in the same query that reads the user and role.
 */
function sessionRef(token: JWT | null): SessionRef | undefined {
  if (!token?.sub) return undefined;
  return { id: token.sub, version: typeof token.sv === "number" ? token.sv : 0 };
}

async function requestToken(req: NextRequest): Promise<SessionRef | undefined> {
  return sessionRef(await getToken({ req, secret: authSecret(), decode: decodeSessionToken }));
}

async function pageToken(): Promise<SessionRef | undefined> {
  const cookieStore = await cookies();
  const headerStore = await headers();
  // getToken reads only cookies and the authorization header; this is the shape it accepts outside a route.
  const req = { cookies: cookieStore, headers: headerStore } as unknown as NextRequest;
  return sessionRef(await getToken({ req, secret: authSecret(), decode: decodeSessionToken }));
}

/** The signed-in user of a route handler's request (a revoked token counts as none). */
export async function requestUser(req: NextRequest): Promise<PublicUser | null> {
  const ref = await requestToken(req);
  return ref ? findSessionUser(await getDb(), ref) : null;
}

/** The session's user id from a route handler's request, or undefined (no session, or a revoked one). */
export async function userIdFromRequest(req: NextRequest): Promise<string | undefined> {
  return (await requestUser(req))?.id;
}

/** The signed-in user's id in a page or server action, or undefined. */
export async function currentUserId(): Promise<string | undefined> {
  return (await currentUser())?.id;
}

export async function currentUser(): Promise<PublicUser | null> {
  const ref = await pageToken();
  return ref ? findSessionUser(await getDb(), ref) : null;
}

/** For pages and actions: the user, or AppError 401/403. */
export async function requireCurrentRole(role: Role): Promise<PublicUser> {
  return requireRoleOf(await currentUser(), role);
}

/** For route handlers: the user, or AppError 401/403. */
export async function requireRequestRole(req: NextRequest, role: Role): Promise<PublicUser> {
  return requireRoleOf(await requestUser(req), role);
}
