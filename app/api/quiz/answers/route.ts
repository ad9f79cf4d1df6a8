import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "../../../_server/db";
import { handler, readBody } from "../../../_server/http";
import { answerQuizItem } from "../../../_server/quizzes";
import { requireRequestRole } from "../../../_server/session";

/** POST {itemId, answer} → 200 {correct, explanationHtml, correctChoiceIds | correctValue}; the attempt is stored. */
export const POST = handler(async (req: NextRequest) => {
  const user = await requireRequestRole(req, "STUDENT");
  const feedback = await answerQuizItem(await getDb(), user.id, await readBody(req), user.locale);
  return NextResponse.json(feedback);
});
