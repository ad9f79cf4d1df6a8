import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "../../../_server/db";
import { deleteDraft, saveDraft } from "../../../_server/drafts";
import { handler, readBody } from "../../../_server/http";
import { requireRequestRole } from "../../../_server/session";

type Ctx = { params: Promise<{ exerciseId: string }> };

/** Autosave: the page puts the editor's text here, debounced. */
export const PUT = handler(async (req: NextRequest, ctx: Ctx) => {
  const user = await requireRequestRole(req, "STUDENT");
  const { exerciseId } = await ctx.params;
  return NextResponse.json(await saveDraft(await getDb(), user.id, exerciseId, await readBody(req)));
});

/** Reset to the starter. */
export const DELETE = handler(async (req: NextRequest, ctx: Ctx) => {
  const user = await requireRequestRole(req, "STUDENT");
  const { exerciseId } = await ctx.params;
  await deleteDraft(await getDb(), user.id, exerciseId);
  return NextResponse.json({ ok: true });
});
