import { NextResponse, type NextRequest } from "next/server";
import { createCohortAs } from "../../_server/admin";
import { getDb } from "../../_server/db";
import { handler, readBody } from "../../_server/http";
import { userIdFromRequest } from "../../_server/session";

/** POST {name} → 201 {cohort}; instructors and admins only. */
export const POST = handler(async (req: NextRequest) => {
  const db = await getDb();
  const actorId = await userIdFromRequest(req);
  const cohort = await createCohortAs(db, actorId, await readBody(req));
  return NextResponse.json({ cohort }, { status: 201 });
});
