import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "../../../_server/db";
import { handler, readBody } from "../../../_server/http";
import { answerQuizItem } from "../../../_server/quizzes";
import { requireRequestRole } from "../../../_server/session";

/** POST {itemId, answer} → 200 QuizFeedback (the key only when it may be shown); the attempt is stored. 409 when a graded item has no attempts left. */
export const POST = handler(async (req: NextRequest) => {
  const user = await requireRequestRole(req, "STUDENT");
  const feedback = await answerQuizItem(await getDb(), user.id, await readBody(req), user.locale);
  return NextResponse.json(feedback);
});
