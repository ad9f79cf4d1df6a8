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

/**
 * Takes one of the window's `limit` slots, atomically: each step is one conditional UPDATE (or an INSERT that the
 * primary key lets only one caller win), so under any concurrency exactly `limit` callers get a slot per window,
 * on SQLite and PostgreSQL alike. A caller that turns out not to have failed gives its slot back (releaseSlot).
 */
export async function takeSlot(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitState> {
  const windowOpen = new Date(now.getTime() - rule.windowMs);
  for (let attempt = 0; attempt < 5; attempt++) {
    const counted = await db.rateLimitBucket.updateMany({ where: { key, windowStart: { gt: windowOpen }, count: { lt: rule.limit } }, data: { count: { increment: 1 } } });
    if (counted.count === 1) return { limited: false, retryAfterMs: 0 };
    const restarted = await db.rateLimitBucket.updateMany({ where: { key, windowStart: { lte: windowOpen } }, data: { count: 1, windowStart: now } });
    if (restarted.count === 1) return { limited: false, retryAfterMs: 0 };
    const bucket = await db.rateLimitBucket.findUnique({ where: { key } });
    if (bucket) {
      const endsAt = bucket.windowStart.getTime() + rule.windowMs;
      if (bucket.count >= rule.limit && endsAt > now.getTime()) return { limited: true, retryAfterMs: endsAt - now.getTime() };
      continue; // the window ended or a slot was given back in between: try again
    }
    try {
      await db.rateLimitBucket.create({ data: { key, count: 1, windowStart: now } });
      return { limited: false, retryAfterMs: 0 };
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
      // another caller created the bucket first: count against it
    }
  }
  return { limited: true, retryAfterMs: rule.windowMs };
}

/** Gives back a slot taken by takeSlot (the attempt succeeded, so it was no failure). */
export async function releaseSlot(db: Db, key: string): Promise<void> {
  await db.rateLimitBucket.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

/** The failures counted in the current window (0 when there is none). */
export async function failuresInWindow(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<number> {
  const bucket = await db.rateLimitBucket.findUnique({ where: { key } });
  if (!bucket || bucket.windowStart.getTime() + rule.windowMs <= now.getTime()) return 0;
  return bucket.count;
}

export async function clearLimit(db: Db, key: string): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}

/** Drops buckets whose window ended long ago; called at start-up so the table stays small. */
export async function pruneRateLimits(db: Db, olderThanMs = 24 * 60 * 60 * 1000, now = new Date()): Promise<number> {
  const { count } = await db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - olderThanMs) } } });
  return count;
}
