import { describe, expect, it } from "vitest";
import { bestUnderPolicy, countedScore, DAY_MS, daysLate, isLate, lateFactor, quizScoreUnderPolicy, type LateRules } from "../app/_server/late-policy";

const due = new Date("2026-12-01T14:59:00Z");
const at = (ms: number) => new Date(due.getTime() + ms);
const rules = (latePolicy: LateRules["latePolicy"], penaltyPerDay = 0): LateRules => ({ dueAt: due, latePolicy, penaltyPerDay });

describe("days late", () => {
  it("counts started days, and the due instant itself is on time", () => {
    expect(daysLate(at(-1), due)).toBe(0);
    expect(daysLate(due, due)).toBe(0);
    expect(isLate(due, due)).toBe(false);
    expect(isLate(at(1), due)).toBe(true);
    expect(daysLate(at(1), due)).toBe(1);
    expect(daysLate(at(DAY_MS), due)).toBe(1);
    expect(daysLate(at(DAY_MS + 1), due)).toBe(2);
    expect(daysLate(at(10 * DAY_MS - 5), due)).toBe(10);
  });
});

describe("late factor and counted score", () => {
  it("ACCEPT counts late work in full", () => {
    expect(lateFactor(at(5 * DAY_MS), rules("ACCEPT"))).toBe(1);
    expect(countedScore(0.8, at(5 * DAY_MS), rules("ACCEPT"))).toBe(0.8);
  });

  it("PENALTY takes the fraction off per started day and never goes below zero", () => {
    const r = rules("PENALTY", 0.1);
    expect(countedScore(1, at(-DAY_MS), r)).toBe(1);
    expect(countedScore(1, at(1), r)).toBeCloseTo(0.9, 12);
    expect(countedScore(0.5, at(DAY_MS + 1), r)).toBeCloseTo(0.4, 12);
    expect(countedScore(1, at(9.5 * DAY_MS), r)).toBeCloseTo(0, 12);
    expect(countedScore(1, at(30 * DAY_MS), r)).toBe(0);
  });

  it("PENALTY clamps an out-of-range rate instead of producing negative or inflated scores", () => {
    expect(lateFactor(at(1), rules("PENALTY", 7))).toBe(0);
    expect(lateFactor(at(1), rules("PENALTY", -1))).toBe(1);
  });

  it("REJECT refuses late work (null, not zero) and keeps on-time work", () => {
    expect(countedScore(1, at(1), rules("REJECT"))).toBeNull();
    expect(countedScore(0.7, due, rules("REJECT"))).toBe(0.7);
  });
});

describe("best score under the policy", () => {
  const attempts = [
    { id: "a", score: 0.5, createdAt: at(-2 * DAY_MS) },
    { id: "b", score: null, createdAt: at(-DAY_MS) }, // a platform error: ignored
    { id: "c", score: 1, createdAt: at(2 * DAY_MS + 5) }, // 3 started days late
  ];

  it("ACCEPT: the late full score wins and is flagged late", () => {
    const best = bestUnderPolicy(attempts, rules("ACCEPT"));
    expect(best.score).toBe(1);
    expect(best.best?.id).toBe("c");
    expect(best.late).toBe(true);
    expect(best.attempts).toBe(2);
    expect(best.lateAttempts).toBe(1);
    expect(best.rawBest).toBe(1);
    expect(best.lastSubmittedAt).toEqual(at(2 * DAY_MS + 5));
  });

  it("PENALTY: a penalised late score beats a lower on-time score only when it is still higher", () => {
    const mild = bestUnderPolicy(attempts, rules("PENALTY", 0.1));
    expect(mild.score).toBeCloseTo(0.7, 12);
    expect(mild.best?.id).toBe("c");
    expect(mild.late).toBe(true);
    const harsh = bestUnderPolicy(attempts, rules("PENALTY", 0.25));
    expect(harsh.score).toBe(0.5);
    expect(harsh.best?.id).toBe("a");
    expect(harsh.late).toBe(false);
  });

  it("REJECT: the on-time score counts; late-only work counts nothing and is flagged", () => {
    const best = bestUnderPolicy(attempts, rules("REJECT"));
    expect(best.score).toBe(0.5);
    expect(best.late).toBe(false);
    const lateOnly = bestUnderPolicy([{ score: 1, createdAt: at(1) }], rules("REJECT"));
    expect(lateOnly.score).toBeNull();
    expect(lateOnly.rawBest).toBe(1);
    expect(lateOnly.attempts).toBe(1);
    expect(lateOnly.late).toBe(true);
  });

  it("on a tie the earlier submission wins, so equal on-time work is not flagged late", () => {
    const tie = bestUnderPolicy(
      [
        { id: "late", score: 1, createdAt: at(3 * DAY_MS) },
        { id: "early", score: 1, createdAt: at(-3 * DAY_MS) },
      ],
      rules("ACCEPT"),
    );
    expect(tie.best?.id).toBe("early");
    expect(tie.late).toBe(false);
  });

  it("no attempts, or only ungraded ones, give no score rather than zero", () => {
    expect(bestUnderPolicy([], rules("ACCEPT"))).toMatchObject({ score: null, attempts: 0, late: false, lastSubmittedAt: null, best: null });
    expect(bestUnderPolicy([{ score: null, createdAt: due }], rules("ACCEPT")).attempts).toBe(0);
  });

  it("a graded zero is a score of zero, not a missing score", () => {
    expect(bestUnderPolicy([{ score: 0, createdAt: due }], rules("ACCEPT")).score).toBe(0);
  });
});

describe("quiz topic score", () => {
  const items = ["q1", "q2", "q3", "q4"];

  it("averages each item's best counted credit over all items, unanswered items counting zero", () => {
    const answers = [
      { quizItemId: "q1", correct: false, createdAt: at(-DAY_MS) },
      { quizItemId: "q1", correct: true, createdAt: at(-DAY_MS + 10) },
      { quizItemId: "q2", correct: true, createdAt: at(1) }, // 1 day late
      { quizItemId: "q3", correct: false, createdAt: at(-5) },
      { quizItemId: "retired", correct: true, createdAt: at(-5) },
    ];
    const accept = quizScoreUnderPolicy(items, answers, rules("ACCEPT"));
    expect(accept.score).toBe(0.5);
    expect(accept.itemsCorrect).toBe(2);
    expect(accept.attempts).toBe(4);
    expect(accept.lateAttempts).toBe(1);
    expect(accept.late).toBe(true);
    const penalty = quizScoreUnderPolicy(items, answers, rules("PENALTY", 0.5));
    expect(penalty.score).toBeCloseTo((1 + 0.5) / 4, 12);
    const reject = quizScoreUnderPolicy(items, answers, rules("REJECT"));
    expect(reject.score).toBe(0.25);
    expect(reject.itemsCorrect).toBe(1);
    expect(reject.late).toBe(false);
  });

  it("no answers give no score", () => {
    expect(quizScoreUnderPolicy(items, [], rules("ACCEPT"))).toMatchObject({ score: null, attempts: 0, items: 4, late: false });
  });
});
