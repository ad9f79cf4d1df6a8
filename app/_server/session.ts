import "server-only";
import { cookies, headers } from "next/headers";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import type { Role } from "../_generated/sqlite/client";
import { requireRole } from "./authz";
import { getDb } from "./db";
import { authSecret } from "./env";
import { findUser, type PublicUser } from "./users";

/** The session token's user id from a route handler's request, or undefined. */
export async function userIdFromRequest(req: NextRequest): Promise<string | undefined> {
  const token = await getToken({ req, secret: authSecret() });
  return token?.sub ?? undefined;
}

/** The signed-in user's id in a page or server action, or undefined. */
export async function currentUserId(): Promise<string | undefined> {
  const cookieStore = await cookies();
  const headerStore = await headers();
  // getToken reads only cookies and the authorization header; this is the shape it accepts outside a route.
  const req = { cookies: cookieStore, headers: headerStore } as unknown as NextRequest;
  const token = await getToken({ req, secret: authSecret() });
  return token?.sub ?? undefined;
}

export async function currentUser(): Promise<PublicUser | null> {
  const id = await currentUserId();
  return id ? findUser(await getDb(), id) : null;
}

/** For pages and actions: the user, or AppError 401/403. */
export async function requireCurrentRole(role: Role): Promise<PublicUser> {
  return requireRole(await getDb(), await currentUserId(), role);
}

/** For route handlers: the user, or AppError 401/403. */
export async function requireRequestRole(req: NextRequest, role: Role): Promise<PublicUser> {
  return requireRole(await getDb(), await userIdFromRequest(req), role);
}
