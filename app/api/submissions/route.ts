import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "../../_server/db";
import { getGraderPool } from "../../_server/grading/pool";
import { submitForGrading } from "../../_server/grading/submit";
import { handler, readBody } from "../../_server/http";
import { requireRequestRole } from "../../_server/session";

/** Submit: graded in the sandbox before the response; the same clientSubmissionId twice is one submission. */
export const POST = handler(async (req: NextRequest) => {
  const user = await requireRequestRole(req, "STUDENT");
  const body = await readBody(req);
  const submission = await submitForGrading(await getDb(), getGraderPool(), user.id, body);
  return NextResponse.json({ submission });
});
