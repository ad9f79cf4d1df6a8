import { count, NOUNS } from "../../../../_components/text/count";

/** The regrade page's words, in both languages. */
export const REGRADE_L = {
  title: { en: "Regrade", ja: "再採点" },
  back: { en: "← Cohort", ja: "← コホート" },
  gradebook: { en: "Gradebook", ja: "成績表" },
  lead: {
    en: "Grade every submission of an exercise by this cohort's students again, with the exercise's current content (new hidden cases when it changed). Live submissions keep priority; the report lists the students whose best score changed, and the gradebook follows.",
    ja: "このコホートの学生による演習の提出を、現在の演習内容（変更されていれば新しい非公開ケース）ですべて採点し直します。通常の提出が優先されます。結果には最高点が変わった学生が表示され、成績表にも反映されます。",
  },
  nothing: { en: "No student of this cohort has a graded submission yet.", ja: "このコホートの学生の採点済み提出はまだありません。" },
  exercise: { en: "Exercise", ja: "演習" },
  submissions: { en: "Submissions", ja: "提出" },
  state: { en: "Content", ja: "内容" },
  action: { en: "Action", ja: "操作" },
  retired: { en: "(retired)", ja: "（削除済み）" },
  counts: {
    en: (s: number, u: number) => `${count(s, NOUNS.submission, "en")} · ${count(u, NOUNS.student, "en")}`,
    ja: (s: number, u: number) => `提出 ${count(s, NOUNS.submission, "ja")}・学生 ${count(u, NOUNS.student, "ja")}`,
  },
  stale: {
    en: (n: number) => `content changed — regrade (${n} graded with an older version)`,
    ja: (n: number) => `内容が変更されました — 再採点してください（旧版で採点 ${n} 件）`,
  },
  current: { en: "graded with the current version", ja: "現在の版で採点済み" },
  regrade: { en: "Regrade", ja: "再採点" },
  starting: { en: "Starting…", ja: "開始中…" },
  confirm: {
    en: (n: number) => `Grade ${count(n, NOUNS.submission, "en")} again with the current content? Scores can go down as well as up.`,
    ja: (n: number) => `${n} 件の提出を現在の内容で採点し直しますか？ 点数は上がることも下がることもあります。`,
  },
  runs: { en: "Regrades", ja: "再採点の履歴" },
  progress: { en: (d: number, t: number) => `${d} of ${t} regraded.`, ja: (d: number, t: number) => `${t} 件中 ${d} 件を再採点しました。` },
  progressLabel: { en: "Regrade progress", ja: "再採点の進み具合" },
  running: { en: "Running: this page updates itself.", ja: "実行中です（このページは自動で更新されます）。" },
  finished: { en: "Finished.", ja: "完了しました。" },
  errors: {
    en: (n: number) => `${count(n, NOUNS.submission, "en")} could not be regraded (the grading service failed); they keep their old score. Start the regrade again to retry them.`,
    ja: (n: number) => `${n} 件の提出は採点サービスの障害で再採点できず、元の点数のままです。もう一度再採点すると再試行します。`,
  },
  noChange: { en: (u: number) => `No best score changed (${count(u, NOUNS.student, "en")} regraded).`, ja: (u: number) => `最高点が変わった学生はいません（学生 ${u} 人を再採点）。` },
  changedCaption: {
    en: (c: number, u: number) => `Best score changed for ${c} of ${count(u, NOUNS.student, "en")}`,
    ja: (c: number, u: number) => `学生 ${u} 人中 ${c} 人の最高点が変わりました`,
  },
  student: { en: "Student", ja: "学生" },
  from: { en: "Best before", ja: "変更前の最高点" },
  to: { en: "Best after", ja: "変更後の最高点" },
};
