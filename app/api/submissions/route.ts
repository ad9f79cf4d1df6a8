import type { NextRequest } from "next/server";
import { getDb } from "../../_server/db";
import { getSubmitQueue } from "../../_server/grading/pool";
import { submitForGrading } from "../../_server/grading/submit";
import { handler, readBody, uncompressedJson } from "../../_server/http";
import { requireRequestRole } from "../../_server/session";

/**
 * Submit: stored and queued, then answered with the verdict, or PENDING with its place in the queue when grading
 * takes longer than the wait bound (the page then polls GET /api/submissions/[id]). The same clientSubmissionId
 * twice is one submission.
 */
export const POST = handler(async (req: NextRequest) => {
  const user = await requireRequestRole(req, "STUDENT");
  const body = await readBody(req);
  const submission = await submitForGrading(await getDb(), await getSubmitQueue(), user.id, body);
  return uncompressedJson({ submission });
});
