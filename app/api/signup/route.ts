import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "../../_server/db";
import { handler, readBody } from "../../_server/http";
import { signUp } from "../../_server/users";

/** POST {email, displayName, password, locale?} → 201 {user}; 400 field errors; 409 duplicate email. */
export const POST = handler(async (req: NextRequest) => {
  const user = await signUp(await getDb(), await readBody(req));
  return NextResponse.json({ user }, { status: 201 });
});
