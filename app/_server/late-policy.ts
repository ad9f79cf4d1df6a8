/**
 * The late policy and best-score rules of assignments: pure functions, no database, so the gradebook, the
 * dashboard and the CSV export count a score the same way.
 *
 * Rules (also what the instructor page says):
 * - A submission is late when it was made strictly after the due date; one made exactly at the due date is on time.
 * - Days late are started days: 1 ms to 24 h late is 1 day, 24 h + 1 ms is 2 days.
 * - ACCEPT: late work counts in full (and is flagged late).
 * - PENALTY: late work counts score × max(0, 1 − penaltyPerDay × daysLate).
 * - REJECT: late work does not count.
 * - Work done before the opening date counts as on time: the catalog is open to everyone, and a learner who solved
 *   an exercise before it was assigned has done the work.
 * - The best counted score wins; on a tie the earlier submission wins (so an on-time result beats an equal late one).
 * - Only graded attempts count (a platform ERROR or a PENDING grade never costs or earns anything): callers pass
 *   `score: null` for those, or leave them out.
 *
 * Exported signatures (used by the gradebook, CSV export and dashboard):
 *   daysLate(submittedAt: Date, dueAt: Date): number
 *   isLate(submittedAt: Date, dueAt: Date): boolean
 *   lateFactor(submittedAt: Date, rules: LateRules): number            // 1, a fraction, or 0 (rejected)
 *   countedScore(score: number, submittedAt: Date, rules: LateRules): number | null   // null = refused (REJECT)
 *   bestUnderPolicy<T extends ScoredAttempt>(attempts: readonly T[], rules: LateRules): BestScore<T>
 *   quizScoreUnderPolicy<T extends QuizAnswer>(itemIds: readonly string[], answers: readonly T[], rules: LateRules): QuizScore
 */

export type LatePolicyKind = "ACCEPT" | "PENALTY" | "REJECT";

export interface LateRules {
  dueAt: Date;
  latePolicy: LatePolicyKind;
  /** PENALTY only: fraction of the score lost per started day late, in [0, 1]. Ignored by the other policies. */
  penaltyPerDay: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Started days after the due date; 0 when on time. */
export function daysLate(submittedAt: Date, dueAt: Date): number {
  const ms = submittedAt.getTime() - dueAt.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / DAY_MS);
}

export function isLate(submittedAt: Date, dueAt: Date): boolean {
  return submittedAt.getTime() > dueAt.getTime();
}

/** The multiplier a submission's score gets under the policy: 1 on time or ACCEPT, 0 for refused work. */
export function lateFactor(submittedAt: Date, rules: LateRules): number {
  const days = daysLate(submittedAt, rules.dueAt);
  if (days === 0) return 1;
  switch (rules.latePolicy) {
    case "ACCEPT":
      return 1;
    case "REJECT":
      return 0;
    case "PENALTY": {
      const perDay = Math.min(1, Math.max(0, rules.penaltyPerDay));
      return Math.max(0, 1 - perDay * days);
    }
  }
}

/** The score that counts for one submission, or null when the policy refuses it (REJECT and late). */
export function countedScore(score: number, submittedAt: Date, rules: LateRules): number | null {
  if (rules.latePolicy === "REJECT" && isLate(submittedAt, rules.dueAt)) return null;
  return score * lateFactor(submittedAt, rules);
}

export interface ScoredAttempt {
  /** Raw score in [0, 1]; null for a submission that has no grade (PENDING or platform ERROR), which is ignored. */
  score: number | null;
  createdAt: Date;
}

export interface BestScore<T extends ScoredAttempt = ScoredAttempt> {
  /** The best counted score, in [0, 1]; null when no graded attempt counts (none made, or every one refused). */
  score: number | null;
  /** The best raw score, before the policy; null without graded attempts. */
  rawBest: number | null;
  /** The attempt whose counted score is `score` (earliest on a tie), or null. */
  best: T | null;
  /** Graded attempts, on time or late, counted or refused. */
  attempts: number;
  /** Graded attempts made after the due date. */
  lateAttempts: number;
  /** The newest graded attempt's time, or null. */
  lastSubmittedAt: Date | null;
  /**
   * The gradebook's late flag: the counted score comes from a late submission, or the learner submitted only
   * late and the work was refused.
   */
  late: boolean;
}

export function bestUnderPolicy<T extends ScoredAttempt>(attempts: readonly T[], rules: LateRules): BestScore<T> {
  let best: T | null = null;
  let bestCounted = -1;
  let rawBest: number | null = null;
  let count = 0;
  let lateAttempts = 0;
  let last: Date | null = null;
  for (const attempt of attempts) {
    if (attempt.score === null || !Number.isFinite(attempt.score)) continue;
    count++;
    const late = isLate(attempt.createdAt, rules.dueAt);
    if (late) lateAttempts++;
    if (rawBest === null || attempt.score > rawBest) rawBest = attempt.score;
    if (last === null || attempt.createdAt > last) last = attempt.createdAt;
    const counted = countedScore(attempt.score, attempt.createdAt, rules);
    if (counted === null) continue;
    const better = counted > bestCounted || (counted === bestCounted && best !== null && attempt.createdAt < best.createdAt);
    if (better) {
      best = attempt;
      bestCounted = counted;
    }
  }
  const bestIsLate = best !== null && isLate(best.createdAt, rules.dueAt);
  return {
    score: best === null ? null : bestCounted,
    rawBest,
    best,
    attempts: count,
    lateAttempts,
    lastSubmittedAt: last,
    late: bestIsLate || (best === null && lateAttempts > 0),
  };
}

export interface QuizAnswer {
  quizItemId: string;
  correct: boolean;
  createdAt: Date;
  /** What a correct answer earns, in [0, 1] (0 once the answer was revealed, decayed per graded attempt); 1 if absent. */
  credit?: number;
}

export interface QuizScore {
  /** Mean over the topic's items of each item's best counted credit; null when no answer counts. */
  score: number | null;
  /** Items with a counted correct answer (full or penalised credit). */
  itemsCorrect: number;
  items: number;
  /** Answers given, on time or late. */
  attempts: number;
  lateAttempts: number;
  lastSubmittedAt: Date | null;
  /** Some item's counted credit comes from a late answer, or every answer was late and refused. */
  late: boolean;
}

/**
 * A quiz topic as one assignment: each item earns its best counted credit (credit × the late factor of a correct answer,
 * 0 otherwise), and the score is the mean over the topic's items, unanswered items counting 0. Answers to items
 * not in `itemIds` (retired items) are ignored.
 */
export function quizScoreUnderPolicy<T extends QuizAnswer>(itemIds: readonly string[], answers: readonly T[], rules: LateRules): QuizScore {
  const perItem = new Map<string, BestScore<{ score: number; createdAt: Date }>>();
  const byItem = new Map<string, { score: number; createdAt: Date }[]>();
  const known = new Set(itemIds);
  for (const a of answers) {
    if (!known.has(a.quizItemId)) continue;
    const list = byItem.get(a.quizItemId) ?? [];
    list.push({ score: a.correct ? (a.credit ?? 1) : 0, createdAt: a.createdAt });
    byItem.set(a.quizItemId, list);
  }
  for (const [id, list] of byItem) perItem.set(id, bestUnderPolicy(list, rules));
  let sum = 0;
  let anyCounted = false;
  let itemsCorrect = 0;
  let attempts = 0;
  let lateAttempts = 0;
  let last: Date | null = null;
  let late = false;
  for (const best of perItem.values()) {
    attempts += best.attempts;
    lateAttempts += best.lateAttempts;
    if (best.lastSubmittedAt && (last === null || best.lastSubmittedAt > last)) last = best.lastSubmittedAt;
    if (best.score !== null) {
      anyCounted = true;
      sum += best.score;
      if (best.score > 0) {
        itemsCorrect++;
        if (best.late) late = true;
      }
    }
  }
  return {
    score: anyCounted && itemIds.length > 0 ? sum / itemIds.length : null,
    itemsCorrect,
    items: itemIds.length,
    attempts,
    lateAttempts,
    lastSubmittedAt: last,
    late: late || (!anyCounted && lateAttempts > 0),
  };
}

export interface SetScore {
  /** Points earned over the set's points, in [0, 1]; null when no item has counted work. */
  score: number | null;
  /** Points earned: each item's counted score × its points, summed; null when no item has counted work. */
  earned: number | null;
  points: number;
}

/**
 * A problem set's score: each item's counted score (missing work counts 0) weighted by its points. A set whose
 * items are all worth 0 points weighs them equally, so its score still says how much was done.
 */
export function setScore(items: readonly { points: number; score: number | null }[]): SetScore {
  const points = items.reduce((n, i) => n + i.points, 0);
  if (!items.some((i) => i.score !== null)) return { score: null, earned: null, points };
  const earned = items.reduce((n, i) => n + (i.score ?? 0) * i.points, 0);
  const score = points > 0 ? earned / points : items.reduce((n, i) => n + (i.score ?? 0), 0) / items.length;
  // A sum of thirds must show full marks as 100, not 99.99999.
  return { score: Math.min(1, Math.round(score * 1e9) / 1e9), earned: Math.round(earned * 1e6) / 1e6, points };
}
