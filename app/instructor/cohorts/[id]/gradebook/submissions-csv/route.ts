import type { NextRequest } from "next/server";
import { csvResponseHeaders, submissionsCsvAs } from "../../../../../_server/csv";
import { getDb } from "../../../../../_server/db";
import { handler } from "../../../../../_server/http";
import { userIdFromRequest } from "../../../../../_server/session";

export const dynamic = "force-dynamic";

/** GET → every submission and quiz answer as a CSV download; the cohort's instructors and admins only (403 otherwise). */
export const GET = handler(async (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  const file = await submissionsCsvAs(await getDb(), await userIdFromRequest(req), id);
  return new Response(file.body, { headers: csvResponseHeaders(file) });
});
