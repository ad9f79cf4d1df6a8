import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "../../../_server/db";
import { handler, readBody } from "../../../_server/http";
import { revealQuizAnswer } from "../../../_server/quizzes";
import { requireRequestRole } from "../../../_server/session";

/** POST {itemId} → 200 {correctChoiceIds | correctValue, explanationHtml}: practice "Show answer" (409 while graded). */
export const POST = handler(async (req: NextRequest) => {
  const user = await requireRequestRole(req, "STUDENT");
  const feedback = await revealQuizAnswer(await getDb(), user.id, await readBody(req), user.locale);
  return NextResponse.json(feedback);
});
