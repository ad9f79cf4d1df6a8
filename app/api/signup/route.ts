import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "../../_server/db";
import { handler, readBody } from "../../_server/http";
import { signUpPerPolicy } from "../../_server/signup-policy";

/** POST {email, displayName, password, locale?, code?} → 201 {user}; 400 field errors; 409 duplicate; 403 closed. */
export const POST = handler(async (req: NextRequest) => {
  const user = await signUpPerPolicy(await getDb(), await readBody(req));
  return NextResponse.json({ user }, { status: 201 });
});
