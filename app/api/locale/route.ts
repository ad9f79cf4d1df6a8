import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "../../_server/db";
import { handler, readBody } from "../../_server/http";
import { setUserLocale } from "../../_server/locale-preference";
import { userIdFromRequest } from "../../_server/session";

/** POST {locale: "en" | "ja"} → 200 {locale}; remembers the signed-in user's language. */
export const POST = handler(async (req: NextRequest) => {
  const locale = await setUserLocale(await getDb(), await userIdFromRequest(req), await readBody(req));
  return NextResponse.json({ locale });
});
