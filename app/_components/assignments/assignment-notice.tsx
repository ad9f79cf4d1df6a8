import type { Locale } from "../../../graders/text";
import type { LearnerAssignment } from "../../_server/assignment-context";
import { formatInZone } from "../../_server/time-zone";
import { latePolicyText } from "./late-policy-text";

const L = {
  assigned: { en: "Assigned in", ja: "課題" },
  points: { en: (n: number, of: number) => `${n} of the set's ${of} points`, ja: (n: number, of: number) => `配点 ${n} 点（セット全体 ${of} 点）` },
  extended: { en: "your extended due date; the set's is", ja: "あなたの延長後の締切。セットの締切は" },
  due: { en: "due", ja: "締切" },
  closed: { en: "closed", ja: "締切済み" },
  attempts: { en: (n: number) => `${n} attempts per question`, ja: (n: number) => `1 問 ${n} 回まで` },
  decay: { en: (p: number) => `−${p}% per extra attempt`, ja: (p: number) => `追加の解答ごとに −${p}%` },
  willNotCount: {
    en: "This assignment is closed and does not accept late work: a submission now will not count toward it.",
    ja: "この課題は締切を過ぎており、遅れた提出は受け付けません。今提出しても課題の得点には算入されません。",
  },
};

/** The assignment context on an exercise or quiz page: due date, late policy and, when closed, whether work counts. */
export function AssignmentNotice({ assignments, quiz, locale }: { assignments: LearnerAssignment[]; quiz: boolean; locale: Locale }) {
  if (assignments.length === 0) return null;
  return (
    <div className="stack" data-assignment-notice>
      {assignments.map((a) => (
        <p key={a.assignmentId} className={a.willNotCount ? "alert" : "notice"} role={a.willNotCount ? "alert" : undefined} data-will-not-count={a.willNotCount}>
          {L.assigned[locale]} <strong>{a.cohortName}</strong>: <strong>{a.title}</strong> · {L.points[locale](a.points, a.setPoints)} · {a.closed ? L.closed[locale] : L.due[locale]}{" "}
          <time dateTime={a.dueAt.toISOString()} data-extended={a.extended}>
            {formatInZone(a.dueAt, a.timeZone, locale)}
          </time>{" "}
          ({a.timeZone})
          {a.extended && ` (${L.extended[locale]} ${formatInZone(a.assignmentDueAt, a.timeZone, locale)})`} · {latePolicyText(a.latePolicy, a.penaltyPerDay)[locale]}
          {quiz && ` · ${L.attempts[locale](a.maxAttempts)}`}
          {quiz && a.attemptDecay > 0 && ` · ${L.decay[locale](Math.round(a.attemptDecay * 1000) / 10)}`}
          {a.willNotCount && (
            <>
              <br />
              <strong>{L.willNotCount[locale]}</strong>
            </>
          )}
        </p>
      ))}
    </div>
  );
}
