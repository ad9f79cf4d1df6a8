import type { QuizItem } from "../../graders/content/quiz";
import { createRng } from "../../graders/content/rng";

/**
 * Which numbers and which choice order a learner sees for a quiz item. A variant is named by a tag: "p<n>" for the
 * n-th practice variant (the next one after each "Show answer"), "g:<assignmentId>:<k>" for the k-th graded attempt
 * of an assignment. Pure functions: the view and the checking of an answer derive the same variant.
 */

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 1) || 1;
}

/** A learner's parameters are stable across visits: drawn from a seed derived from their id (FNV-1a, 31 bits). */
export function learnerSeed(userId: string): number {
  return fnv(userId);
}

export function practiceTag(variant: number): string {
  return `p${variant}`;
}

export function gradedTag(assignmentId: string, attempt: number): string {
  return `g:${assignmentId}:${attempt}`;
}

/** The parameter seed of a variant; the first practice variant keeps the seed learners had before variants. */
export function variantSeed(userId: string, tag: string): number {
  return tag === "p0" ? learnerSeed(userId) : fnv(`${userId}\u0000${tag}`);
}

/**
 * The choice ids in the order this learner sees them for this variant: a seeded Fisher–Yates shuffle of the
 * content's keyed order, so the key's position carries no information and a reload shows the same order.
 */
export function shownChoiceOrder(item: QuizItem, userId: string, tag: string): string[] {
  if (item.type !== "single" && item.type !== "multi") return [];
  const ids = item.choices.map((c) => c.id);
  const rng = createRng(variantSeed(userId, tag), `${item.id}:order`);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids;
}
