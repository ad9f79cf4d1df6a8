import type { Db } from "../db/client";
import { queueFigures, type QueueFigures } from "./jobs";

/**
 * The grading queue as an operator or a load balancer sees it. Unhealthy when the oldest job without a verdict is
 * older than ML_DOJO_QUEUE_MAX_AGE_MS (60 s by default): the graders are down, too few, or stuck.
 */
export interface QueueHealth extends QueueFigures {
  ok: boolean;
  maxAgeMs: number;
}

export function queueMaxAgeMs(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.ML_DOJO_QUEUE_MAX_AGE_MS);
  return Number.isInteger(configured) && configured >= 1000 ? configured : 60_000;
}

export async function queueHealth(db: Db, maxAgeMs = queueMaxAgeMs(), now = Date.now()): Promise<QueueHealth> {
  const figures = await queueFigures(db, 10_000, now);
  return { ...figures, ok: figures.oldestAgeMs <= maxAgeMs, maxAgeMs };
}
