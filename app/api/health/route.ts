import { NextResponse } from "next/server";
import { getDb } from "../../_server/db";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for `npm start` and load balancers. */
export async function GET(): Promise<Response> {
  try {
    const db = await getDb();
    await db.$queryRawUnsafe("SELECT 1");
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ ok: false, error: "database unreachable" }, { status: 503 });
  }
}
