import type { Locale } from "../../../graders/text";
import type { ExerciseStatus } from "../../_server/progress";

export const CATALOG_TEXT = {
  catalog: { en: "Catalog", ja: "演習一覧" },
  catalogLead: {
    en: "Exercises and quizzes by topic, in the order of the curriculum.",
    ja: "トピックごとの演習とクイズです。カリキュラムの順に並んでいます。",
  },
  signInForProgress: {
    en: "Sign in to submit solutions, answer quizzes and keep track of your progress.",
    ja: "サインインすると、解答の提出、クイズへの回答、進み具合の記録ができます。",
  },
  exercises: { en: "Exercises", ja: "演習" },
  quiz: { en: "Quiz", ja: "クイズ" },
  takeQuiz: { en: "Take the quiz", ja: "クイズに挑戦" },
  topicPage: { en: "About this topic", ja: "このトピックについて" },
  noExercises: { en: "No exercises in this topic yet.", ja: "このトピックにはまだ演習がありません。" },
  noQuiz: { en: "This topic has no quiz yet.", ja: "このトピックにはまだクイズがありません。" },
  empty: {
    en: "No exercises are installed yet: add folders under exercises/ and restart.",
    ja: "まだ演習がありません。exercises/ にフォルダーを追加して再起動してください。",
  },
  best: { en: "best", ja: "最高" },
  difficulty: { en: "Difficulty", ja: "難易度" },
} as const;

export const STATUS_TEXT: Record<ExerciseStatus, { en: string; ja: string }> = {
  "not-started": { en: "Not started", ja: "未着手" },
  attempted: { en: "Attempted", ja: "挑戦中" },
  solved: { en: "Solved", ja: "クリア" },
};

export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

export function solvedCount(solved: number, total: number, locale: Locale): string {
  return locale === "ja" ? `演習 ${solved} / ${total} クリア` : `${solved} of ${total} exercises solved`;
}

export function quizCount(correct: number, total: number, locale: Locale): string {
  return locale === "ja" ? `クイズ ${correct} / ${total} 問正解` : `${correct} of ${total} quiz questions right`;
}
