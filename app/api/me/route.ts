import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "../../_server/db";
import { NOT_SIGNED_IN } from "../../_server/errors";
import { handler } from "../../_server/http";
import { userIdFromRequest } from "../../_server/session";
import { findUser } from "../../_server/users";

export const GET = handler(async (req: NextRequest) => {
  const id = await userIdFromRequest(req);
  const user = id ? await findUser(await getDb(), id) : null;
  if (!user) throw NOT_SIGNED_IN;
  return NextResponse.json({ user });
});
