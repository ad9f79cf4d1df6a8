import { describe, expect, it } from "vitest";
import type { QuizItem } from "../graders/content";
import probability from "./probability/quiz";
import { secondRound as svd } from "./svd/quiz-second-round";
import { secondRound as backprop } from "./backprop/quiz-second-round";
import { secondRound as softmax } from "./softmax/quiz-second-round";
import { secondRound as tensors } from "./tensors/quiz-second-round";
import { secondRound as optimization } from "./optimization/quiz-second-round";

/**
 * The second-round quiz items (shared/curriculum.md, "Second round"): at least 30, and their keyed single-choice
 * answers spread evenly over the positions, so that "always (a)" scores no better than chance even before shuffling.
 */
const items: QuizItem[] = [...probability, ...svd, ...backprop, ...softmax, ...tensors, ...optimization];

describe("second-round quiz items", () => {
  it("are at least 30, with unique ids", () => {
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it("key every position of the single-choice items about equally often", () => {
    const counts = new Map<number, number>();
    for (const item of items) {
      if (item.type !== "single") continue;
      const position = item.choices.findIndex((c) => c.id === item.answer);
      counts.set(position, (counts.get(position) ?? 0) + 1);
    }
    const values = [...counts.values()];
    expect(counts.size).toBeGreaterThanOrEqual(4);
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  });
});
