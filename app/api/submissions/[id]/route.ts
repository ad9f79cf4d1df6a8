import type { NextRequest } from "next/server";
import { getDb } from "../../../_server/db";
import { getOwnSubmission } from "../../../_server/grading/submit";
import { handler, uncompressedJson } from "../../../_server/http";
import { requireRequestRole } from "../../../_server/session";

/** One of the learner's own submissions with its code, for the history's "view" and "restore". */
export const GET = handler(async (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireRequestRole(req, "STUDENT");
  const { id } = await ctx.params;
  return uncompressedJson({ submission: await getOwnSubmission(await getDb(), user.id, id) });
});
