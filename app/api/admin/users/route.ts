import { NextResponse, type NextRequest } from "next/server";
import { listUsersAs } from "../../../_server/admin";
import { getDb } from "../../../_server/db";
import { handler } from "../../../_server/http";
import { userIdFromRequest } from "../../../_server/session";

/** GET → {users}; admins only (403 otherwise). */
export const GET = handler(async (req: NextRequest) => {
  const users = await listUsersAs(await getDb(), await userIdFromRequest(req));
  return NextResponse.json({ users });
});
