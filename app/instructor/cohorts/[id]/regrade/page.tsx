import Link from "next/link";
import { redirect } from "next/navigation";
import type { Locale } from "../../../../../graders/text";
import { ActionForm } from "../../../../_components/cohorts/action-form";
import { ErrorCard } from "../../../../_components/cohorts/error-card";
import { AutoRefresh } from "../../../../_components/nav/auto-refresh";
import { getDb } from "../../../../_server/db";
import { percent } from "../../../../_server/gradebook";
import { getGradingWorker } from "../../../../_server/grading/pool";
import { uiLocale } from "../../../../_server/locale";
import { regradeOverviewAs, regradeReportAs, type RegradeOverview, type RegradeReport } from "../../../../_server/regrade";
import { currentUser } from "../../../../_server/session";
import { formatInZone } from "../../../../_server/time-zone";
import { startRegradeAction } from "./actions";
import { REGRADE_L as L } from "./text";

export const dynamic = "force-dynamic";

function score(s: number | null): string {
  return s === null ? "—" : `${percent(s)}%`;
}

function Report({ r, zone, locale }: { r: RegradeReport; zone: string; locale: Locale }) {
  const finished = r.finishedAt !== null;
  return (
    <section className="card" aria-labelledby={`run-${r.id}`} data-testid="regrade-run">
      <h3 id={`run-${r.id}`}>
        {r.title[locale]} · {formatInZone(r.createdAt, zone, locale)} · {r.createdBy}
      </h3>
      <p data-testid="regrade-progress" role="status">
        {L.progress[locale](r.done, r.total)} {finished ? L.finished[locale] : L.running[locale]}
      </p>
      <progress max={r.total} value={r.done} aria-label={L.progressLabel[locale]} />
      {r.errors > 0 && <p className="alert">{L.errors[locale](r.errors)}</p>}
      {finished &&
        (r.changed.length === 0 ? (
          <p className="muted" data-testid="regrade-unchanged">
            {L.noChange[locale](r.students)}
          </p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table data-testid="regrade-report">
              <caption>{L.changedCaption[locale](r.changed.length, r.students)}</caption>
              <thead>
                <tr>
                  <th scope="col">{L.student[locale]}</th>
                  <th scope="col">{L.from[locale]}</th>
                  <th scope="col">{L.to[locale]}</th>
                </tr>
              </thead>
              <tbody>
                {r.changed.map((c) => (
                  <tr key={c.userId}>
                    <th scope="row">
                      {c.displayName} <span className="muted">{c.email}</span>
                    </th>
                    <td>{score(c.from)}</td>
                    <td>{score(c.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

export default async function RegradePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const me = await currentUser();
  if (!me) redirect(`/signin?callbackUrl=${encodeURIComponent(`/instructor/cohorts/${id}/regrade`)}`);
  const locale = await uiLocale(me);
  const db = await getDb();
  let overview: RegradeOverview;
  let reports: RegradeReport[];
  try {
    overview = await regradeOverviewAs(db, me.id, id);
    reports = await Promise.all(overview.runs.slice(0, 5).map((r) => regradeReportAs(db, me.id, id, r.id)));
  } catch (error) {
    return <ErrorCard error={error} locale={locale} />;
  }
  // After a restart nobody may have started this instance's graders yet; an unfinished run needs them.
  if (overview.runs.some((r) => r.finishedAt === null)) void getGradingWorker().catch(() => {});
  const { cohort, exercises } = overview;
  return (
    <>
      {overview.runs.some((r) => r.finishedAt === null) && <AutoRefresh seconds={2} />}
      <p>
        <Link href={`/instructor/cohorts/${cohort.id}`}>{L.back[locale]}</Link> · <Link href={`/instructor/cohorts/${cohort.id}/gradebook`}>{L.gradebook[locale]}</Link>
      </p>
      <section className="card">
        <h1>
          {L.title[locale]}: {cohort.name}
        </h1>
        <p className="muted">{L.lead[locale]}</p>
        {exercises.length === 0 ? (
          <p className="muted">{L.nothing[locale]}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table data-testid="regrade-exercises">
              <thead>
                <tr>
                  <th scope="col">{L.exercise[locale]}</th>
                  <th scope="col">{L.submissions[locale]}</th>
                  <th scope="col">{L.state[locale]}</th>
                  <th scope="col">
                    <span className="sr-only">{L.action[locale]}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {exercises.map((e) => (
                  <tr key={e.exerciseId} data-testid={`regrade-${e.exerciseId}`}>
                    <th scope="row">
                      {e.title[locale]} {!e.active && <span className="muted">{L.retired[locale]}</span>}
                    </th>
                    <td>{L.counts[locale](e.submissions, e.students)}</td>
                    <td>{e.stale > 0 ? <strong className="badge attempted">{L.stale[locale](e.stale)}</strong> : <span className="muted">{L.current[locale]}</span>}</td>
                    <td>
                      <ActionForm
                        action={startRegradeAction}
                        fields={[
                          { name: "cohortId", label: "", type: "hidden", defaultValue: cohort.id },
                          { name: "exerciseId", label: "", type: "hidden", defaultValue: e.exerciseId },
                        ]}
                        submitLabel={L.regrade[locale]}
                        busyLabel={L.starting[locale]}
                        confirm={L.confirm[locale](e.submissions)}
                        locale={locale}
                        layout="inline"
                        testId={`regrade-start-${e.exerciseId}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {reports.length > 0 && (
        <section aria-labelledby="runs-heading">
          <h2 id="runs-heading">{L.runs[locale]}</h2>
          {reports.map((r) => (
            <Report key={r.id} r={r} zone={cohort.timeZone} locale={locale} />
          ))}
        </section>
      )}
    </>
  );
}
