import { describe, expect, it } from "vitest";
import { count, nounFor, NOUNS } from "../app/_components/text/count";

describe("count", () => {
  it("pairs English numbers with the right form", () => {
    expect(count(1, NOUNS.attempt, "en")).toBe("1 attempt");
    expect(count(0, NOUNS.attempt, "en")).toBe("0 attempts");
    expect(count(2, NOUNS.submission, "en")).toBe("2 submissions");
    expect(count(1, NOUNS.student, "en")).toBe("1 student");
    expect(count(1.5, NOUNS.answer, "en")).toBe("1.5 answers");
    expect(nounFor(1, NOUNS.question)).toBe("question");
    expect(nounFor(21, NOUNS.question)).toBe("questions");
  });
  it("uses the Japanese counter of each noun", () => {
    expect(count(1, NOUNS.attempt, "ja")).toBe("1 回");
    expect(count(3, NOUNS.submission, "ja")).toBe("3 件");
    expect(count(5, NOUNS.student, "ja")).toBe("5 人");
    expect(count(2, NOUNS.question, "ja")).toBe("2 問");
  });
});
