import type { Locale } from "../../../graders/text";
import type { LearnerOverride } from "../../_server/overrides";

const L = {
  set: {
    en: (cohort: string, title: string, score: number) => `Your instructor in ${cohort} set your score on this item of “${title}” to ${score}%.`,
    ja: (cohort: string, title: string, score: number) => `${cohort} の担当者が、「${title}」のこの項目のあなたの点数を ${score}% にしました。`,
  },
  comment: { en: "Comment:", ja: "コメント:" },
};

/** The student's side of an override: the score an instructor set and the comment they wrote for the student. */
export function OverrideNotice({ overrides, locale }: { overrides: LearnerOverride[]; locale: Locale }) {
  if (overrides.length === 0) return null;
  return (
    <div className="stack">
      {overrides.map((o) => (
        <p key={o.itemId} className="notice" data-override-notice>
          {L.set[locale](o.cohortName, o.assignmentTitle, Math.round(o.score * 1000) / 10)}
          <br />
          {L.comment[locale]} <q data-override-comment>{o.comment}</q>
        </p>
      ))}
    </div>
  );
}
