import { NextResponse } from "next/server";
import { getDb } from "../../_server/db";
import { queueHealth } from "../../_server/grading/health";
import { getGradingWorker } from "../../_server/grading/pool";

export const dynamic = "force-dynamic";

/**
 * Liveness, database reachability and the grading queue (depth, oldest job's age, graders alive, jobs in flight),
 * for `npm start`, load balancers and monitors: 503 when the database is unreachable or the oldest queued job is
 * older than the threshold. The first call also starts this instance's grading worker, so that after a restart
 * the queue is taken up without waiting for a learner's request (`npm start` calls it until the server answers).
 */
export async function GET(): Promise<Response> {
  let db;
  try {
    db = await getDb();
    await db.$queryRawUnsafe("SELECT 1");
  } catch {
    return NextResponse.json({ ok: false, error: "database unreachable" }, { status: 503 });
  }
  void getGradingWorker().catch((error: unknown) => console.error("[ml-dojo] starting the grading worker failed:", error));
  try {
    const queue = await queueHealth(db);
    return NextResponse.json(
      { ok: queue.ok, ...(queue.ok ? {} : { error: "grading queue is behind" }), queue },
      { status: queue.ok ? 200 : 503 },
    );
  } catch {
    // A database without the queue tables (not migrated yet) is up, but cannot say anything about grading.
    return NextResponse.json({ ok: false, error: "grading queue unreadable (run the migrations)" }, { status: 503 });
  }
}
