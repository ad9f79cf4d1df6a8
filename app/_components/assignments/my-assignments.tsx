import Link from "next/link";
import type { Locale, LocalizedText } from "../../../graders/text";
import { myAssignmentsAs, type AssignmentStatus, type MyAssignment, type MyAssignmentItem } from "../../_server/my-assignments";
import { getDb } from "../../_server/db";
import { formatInZone } from "../../_server/time-zone";
import type { PublicUser } from "../../_server/users";
import { count, NOUNS } from "../text/count";
import { latePolicyText } from "./late-policy-text";

const L = {
  title: { en: "Your assignments", ja: "あなたの課題" },
  none: {
    en: "No assignments yet. If your instructor gave you a join code, join their cohort.",
    ja: "まだ課題はありません。先生から参加コードを受け取った場合は、コホートに参加してください。",
  },
  join: { en: "Join a cohort", ja: "コホートに参加" },
  item: { en: "Assignment", ja: "課題" },
  cohort: { en: "Cohort", ja: "コホート" },
  due: { en: "Due", ja: "締切" },
  status: { en: "Status", ja: "状況" },
  score: { en: "Score", ja: "得点" },
  overridden: { en: "score set by your instructor", ja: "担当者が設定した点数" },
  opens: { en: "opens", ja: "公開" },
  late: { en: "late", ja: "遅延" },
  upcoming: { en: "Upcoming due dates", ja: "近づいている締切" },
  extendedFrom: { en: "extended for you, was", ja: "あなたは延長済み・元の締切" },
  points: { en: "points", ja: "点" },
};

const STATUS: Record<AssignmentStatus, LocalizedText & { color: string }> = {
  upcoming: { en: "Not open yet", ja: "公開前", color: "var(--muted)" },
  open: { en: "To do", ja: "未着手", color: "var(--accent)" },
  "in-progress": { en: "In progress", ja: "取り組み中", color: "var(--accent)" },
  done: { en: "Done", ja: "完了", color: "var(--ok)" },
  overdue: { en: "Overdue", ja: "期限超過", color: "var(--danger)" },
  closed: { en: "Closed", ja: "締切済み", color: "var(--muted)" },
};

function href(i: MyAssignmentItem): string {
  return i.kind === "EXERCISE" ? `/exercises/${i.refId}` : `/topics/${i.refId}/quiz`;
}

function pct(score: number): string {
  return `${Math.round(score * 1000) / 10}%`;
}

/**
 * Upcoming due dates: the open assignments (opened, not finished, not past this student's due date, extension
 * applied), nearest first.
 */
function Upcoming({ assignments, locale }: { assignments: MyAssignment[]; locale: Locale }) {
  const open = assignments.filter((a) => a.status === "open" || a.status === "in-progress").sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  if (open.length === 0) return null;
  return (
    <div data-testid="upcoming-due">
      <h3 style={{ marginTop: 0 }}>{L.upcoming[locale]}</h3>
      <ul>
        {open.map((a) => (
          <li key={a.id} data-assignment={a.id} data-extended={a.extended}>
            <time dateTime={a.dueAt.toISOString()}>{formatInZone(a.dueAt, a.timeZone, locale)}</time> · <strong>{a.title}</strong> ({a.cohortName})
            {a.extended && <span className="badge attempted"> {L.extendedFrom[locale]} {formatInZone(a.assignmentDueAt, a.timeZone, locale)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The signed-in student's assignments across their cohorts: due date in the cohort's time zone, status and the
 * score that counts under the late policy. Reads only the user's own work.
 */
export async function MyAssignments({ user, locale }: { user: Pick<PublicUser, "id">; locale: Locale }) {
  const assignments = await myAssignmentsAs(await getDb(), user.id);
  return (
    <section className="card" aria-labelledby="my-assignments-heading" data-testid="my-assignments">
      <h2 id="my-assignments-heading" style={{ marginTop: 0 }}>
        {L.title[locale]}
      </h2>
      {assignments.length === 0 ? (
        <p className="muted">
          {L.none[locale]} <Link href="/join">{L.join[locale]}</Link>
        </p>
      ) : (
        <>
          <Upcoming assignments={assignments} locale={locale} />
          <div style={{ overflowX: "auto" }}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{L.item[locale]}</th>
                  <th scope="col">{L.cohort[locale]}</th>
                  <th scope="col">{L.due[locale]}</th>
                  <th scope="col">{L.status[locale]}</th>
                  <th scope="col">{L.score[locale]}</th>
                </tr>
              </thead>
              <tbody>
                {assignments.map((a) => {
                  const status = STATUS[a.status];
                  return (
                    <tr key={a.id} data-status={a.status}>
                      <td>
                        <strong>{a.title}</strong>
                        <ul style={{ margin: ".25rem 0 0", paddingLeft: "1.25rem" }}>
                          {a.items.map((i) => {
                            const title = locale === "ja" ? i.titleJa : i.titleEn;
                            return (
                              <li key={i.id}>
                                {i.retired ? title : <Link href={href(i)}>{title}</Link>}{" "}
                                <span className="hint">
                                  · {i.score === null ? "—" : pct(i.score)} · {i.points} {L.points[locale]}
                                </span>
                                {i.overrideComment !== undefined && (
                                  <span className="hint" data-override-comment>
                                    {" "}
                                    · {L.overridden[locale]}: <q>{i.overrideComment}</q>
                                  </span>
                                )}
                              </li>
                            );
                          })}
                        </ul>
                      </td>
                      <td>{a.cohortName}</td>
                      <td data-extended={a.extended}>
                        {formatInZone(a.dueAt, a.timeZone, locale)}
                        {a.extended && (
                          <span className="hint">
                            {" "}
                            ({L.extendedFrom[locale]} {formatInZone(a.assignmentDueAt, a.timeZone, locale)})
                          </span>
                        )}
                        <br />
                        <span className="hint">
                          {a.status === "upcoming" ? `${L.opens[locale]} ${formatInZone(a.opensAt, a.timeZone, locale)}` : latePolicyText(a.latePolicy, a.penaltyPerDay)[locale]}
                        </span>
                      </td>
                      <td>
                        <strong style={{ color: status.color }}>{status[locale]}</strong>
                        {a.late && <span className="hint"> · {L.late[locale]}</span>}
                      </td>
                      <td>
                        {a.score === null ? "—" : `${pct(a.score)} · ${Math.round((a.earned ?? 0) * 10) / 10} / ${a.points}`}
                        {a.attempts > 0 && (
                          <span className="hint">
                            {" "}
                            · {count(a.attempts, NOUNS.attempt, locale)}
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p>
            <Link href="/join">{L.join[locale]}</Link>
          </p>
        </>
      )}
    </section>
  );
}
