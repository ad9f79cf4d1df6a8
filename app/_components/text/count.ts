import type { Locale } from "../../../graders/text";

/**
 * "1 attempt", "2 attempts" — and in Japanese the counter word the noun takes (回, 件, 人, 問). English forms come from
 * Intl.PluralRules, so a number is never paired with the wrong form ("1 attempts").
 */
export interface Noun {
  one: string;
  other: string;
  /** The Japanese counter, written after the number: 3 件. */
  ja: string;
}

export const NOUNS = {
  attempt: { one: "attempt", other: "attempts", ja: "回" },
  submission: { one: "submission", other: "submissions", ja: "件" },
  gradedSubmission: { one: "graded submission", other: "graded submissions", ja: "件" },
  student: { one: "student", other: "students", ja: "人" },
  answer: { one: "answer", other: "answers", ja: "件" },
  question: { one: "question", other: "questions", ja: "問" },
  exercise: { one: "exercise", other: "exercises", ja: "問" },
} as const satisfies Record<string, Noun>;

const english = new Intl.PluralRules("en");

/** The English word alone, for sentences that place the number themselves ("1 of 3 students"). */
export function nounFor(n: number, noun: Noun): string {
  return english.select(n) === "one" ? noun.one : noun.other;
}

export function count(n: number, noun: Noun, locale: Locale): string {
  return locale === "ja" ? `${n} ${noun.ja}` : `${n} ${nounFor(n, noun)}`;
}
