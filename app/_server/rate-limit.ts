import type { Db } from "./db/client";

/**
 * Fixed-window failure counters kept in the database, so a limit holds across every app instance and restart.
 */
export interface RateLimitRule {
  /** Failures allowed within the window; the next attempt is refused until the window ends. */
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  limited: boolean;
  /** When limited: milliseconds until attempts are accepted again. */
  retryAfterMs: number;
}

export async function checkLimit(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitState> {
  const bucket = await db.rateLimitBucket.findUnique({ where: { key } });
  if (!bucket) return { limited: false, retryAfterMs: 0 };
  const endsAt = bucket.windowStart.getTime() + rule.windowMs;
  if (endsAt <= now.getTime() || bucket.count < rule.limit) return { limited: false, retryAfterMs: 0 };
  return { limited: true, retryAfterMs: endsAt - now.getTime() };
}

export async function recordFailure(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<void> {
  const bucket = await db.rateLimitBucket.upsert({
    where: { key },
    create: { key, count: 1, windowStart: now },
    update: { count: { increment: 1 } },
  });
  if (bucket.windowStart.getTime() + rule.windowMs <= now.getTime()) {
    // The old window is over: start a new one. The condition on windowStart lets only one instance restart it.
    await db.rateLimitBucket.updateMany({ where: { key, windowStart: bucket.windowStart }, data: { count: 1, windowStart: now } });
  }
}

export async function clearLimit(db: Db, key: string): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}

/** Drops buckets whose window ended long ago; called at start-up so the table stays small. */
export async function pruneRateLimits(db: Db, olderThanMs = 24 * 60 * 60 * 1000, now = new Date()): Promise<number> {
  const { count } = await db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - olderThanMs) } } });
  return count;
}
