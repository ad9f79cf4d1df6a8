/** The join pages' words, in both languages. */
export const JOIN_L = {
  title: { en: "Join a cohort", ja: "コホートに参加" },
  lead: {
    en: "Your instructor gives you a join code (like K7PM3QXA) or a join link. You can be in several cohorts.",
    ja: "先生から参加コード（K7PM3QXA のようなもの）か参加リンクを受け取ってください。複数のコホートに参加できます。",
  },
  code: { en: "Join code", ja: "参加コード" },
  hint: { en: "8 letters and digits; you may also paste the whole join link.", ja: "英数字 8 文字。参加リンクをそのまま貼り付けても構いません。" },
  submit: { en: "Join", ja: "参加する" },
  busy: { en: "Joining…", ja: "参加中…" },
  mine: { en: "Your cohorts", ja: "参加中のコホート" },
  dashboard: { en: "See your assignments on the dashboard →", ja: "ダッシュボードで課題を見る →" },
  joined: {
    en: (name: string) => `You are in “${name}”. Its assignments appear on your dashboard.`,
    ja: (name: string) => `「${name}」に参加しています。課題はダッシュボードに表示されます。`,
  },
  invite: { en: (name: string) => `Join “${name}”?`, ja: (name: string) => `「${name}」に参加しますか？` },
  inviteLead: {
    en: "Your instructors will see your submissions and scores for this cohort's assignments. Other students never see your work.",
    ja: "このコホートの先生は、課題に対するあなたの提出物と得点を見ることができます。ほかの学生があなたの提出物を見ることはありません。",
  },
  already: { en: (name: string) => `You are already in “${name}”.`, ja: (name: string) => `すでに「${name}」に参加しています。` },
  other: { en: "Enter a code instead", ja: "コードを入力する" },
};
