import { NextResponse, type NextRequest } from "next/server";
import { setRoleAs } from "../../../../_server/admin";
import { getDb } from "../../../../_server/db";
import { handler, readBody } from "../../../../_server/http";
import { userIdFromRequest } from "../../../../_server/session";

/** POST {userId, role} → {user}; admins only. */
export const POST = handler(async (req: NextRequest) => {
  const db = await getDb();
  const actorId = await userIdFromRequest(req);
  const user = await setRoleAs(db, actorId, await readBody(req));
  return NextResponse.json({ user });
});
