import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import type { Locale } from "../../../../../graders/text";
import { ErrorCard } from "../../../../_components/cohorts/error-card";
import { getDb } from "../../../../_server/db";
import { gradebookAs, parseGradebookView, percent, viewRows, type AssignmentCell, type Gradebook, type GradebookCell, type GradebookItem, type GradebookView } from "../../../../_server/gradebook";
import { uiLocale } from "../../../../_server/locale";
import { currentUser } from "../../../../_server/session";
import { formatInZone } from "../../../../_server/time-zone";
import { GRADEBOOK_L as L } from "./text";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

/** Sorting by names reads A→Z first; sorting by scores shows the best first. */
function firstDir(sort: string): "asc" | "desc" {
  return sort === "name" || sort === "email" || sort === "enrolled" ? "asc" : "desc";
}

/** The page's URL for a view: only what differs from the default, so links stay short and bookmarkable. */
function viewHref(base: string, view: GradebookView): string {
  const p = new URLSearchParams();
  if (view.q) p.set("q", view.q);
  if (view.show !== "all") p.set("show", view.show);
  if (view.sort !== "name") p.set("sort", view.sort);
  if (view.dir !== "asc") p.set("dir", view.dir);
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

/** A column header that sorts by its column; selecting the sorted column again reverses the order. */
function SortHeader({ base, view, sort, locale, children }: { base: string; view: GradebookView; sort: string; locale: Locale; children: ReactNode }) {
  const active = view.sort === sort;
  const dir = active ? (view.dir === "asc" ? "desc" : "asc") : firstDir(sort);
  const hint = active ? (view.dir === "asc" ? L.sortedAsc[locale] : L.sortedDesc[locale]) : L.sortHint[locale];
  return (
    <th scope="col" aria-sort={active ? (view.dir === "asc" ? "ascending" : "descending") : undefined} style={{ verticalAlign: "bottom" }}>
      <Link href={viewHref(base, { ...view, sort, dir })} title={hint} data-sort={sort}>
        {children}
        {active && <span aria-hidden="true"> {view.dir === "asc" ? "▲" : "▼"}</span>}
        <span className="sr-only"> ({hint})</span>
      </Link>
    </th>
  );
}

/** One assignment of one student: points earned over the set's points, late and extension flags, item by item. */
function SetCell({ set, cells, items, href, label, zone, locale }: { set: AssignmentCell; cells: GradebookCell[]; items: GradebookItem[]; href: string; label: string; zone: string; locale: Locale }) {
  const score = set.score === null ? null : percent(set.score);
  const earned = set.earned === null ? null : Math.round(set.earned * 100) / 100;
  const attempts = cells.reduce((n, c) => n + c.attempts, 0);
  const overridden = cells.some((c) => c.override);
  return (
    <td
      data-score={score ?? ""}
      data-earned={earned ?? ""}
      data-late={set.late ? "true" : "false"}
      data-extended={set.rules.extended ? "true" : "false"}
      data-overridden={overridden ? "true" : "false"}
      style={{ whiteSpace: "nowrap" }}
    >
      <Link href={href} aria-label={`${label}: ${earned === null ? L.notSubmitted[locale] : `${earned} / ${set.points} (${score}%)`}${set.late ? `, ${L.late[locale]}` : ""}`}>
        <strong>{earned === null ? "—" : `${earned} / ${set.points}`}</strong>
      </Link>
      {set.late && (
        <>
          {" "}
          <span className="badge attempted">{L.late[locale]}</span>
        </>
      )}
      {set.rules.extended && (
        <>
          {" "}
          <span className="badge" title={formatInZone(set.rules.dueAt, zone, locale)}>
            {L.extended[locale]}
          </span>
        </>
      )}
      {overridden && (
        <>
          {" "}
          <span className="badge">{L.overridden[locale]}</span>
        </>
      )}
      {(attempts > 0 || overridden) && (
        <div className="hint" data-items>
          {cells.map((c, i) => (
            <span
              key={items[i]!.itemId}
              data-item={items[i]!.itemId}
              data-score={c.score === null ? "" : percent(c.score)}
              data-late={c.late ? "true" : "false"}
              data-overridden={c.override ? "true" : "false"}
              title={c.override ? `${items[i]!.title[locale]} · ${L.overridden[locale]}: ${c.override.comment}` : items[i]!.title[locale]}
            >
              {i > 0 && " · "}
              {c.score === null ? "—" : `${percent(c.score)}%`}
              {c.late && "*"}
              {c.override && <span aria-label={L.overridden[locale]}>✎</span>}
            </span>
          ))}
        </div>
      )}
    </td>
  );
}

function FilterForm({ base, view, gradebook, locale }: { base: string; view: GradebookView; gradebook: Gradebook; locale: Locale }) {
  const sorts = [
    { value: "name", label: L.name[locale] },
    { value: "email", label: L.email[locale] },
    { value: "total", label: L.total[locale] },
    { value: "enrolled", label: L.enrolled[locale] },
    ...gradebook.assignments.map((a) => ({ value: a.assignmentId, label: a.title })),
  ];
  // A plain GET form: filtering and sorting work without JavaScript and land in the URL.
  return (
    <form method="get" action={base} aria-label={L.filter[locale]} data-testid="gradebook-filter" style={{ display: "flex", flexWrap: "wrap", gap: ".75rem", alignItems: "end" }}>
      <label htmlFor="gb-q" style={{ minWidth: 0 }}>
        {L.search[locale]}
        <input id="gb-q" name="q" type="search" defaultValue={view.q} maxLength={100} style={{ maxWidth: "100%" }} />
      </label>
      <label htmlFor="gb-show" style={{ minWidth: 0 }}>
        {L.show[locale]}
        <select id="gb-show" name="show" defaultValue={view.show}>
          <option value="all">{L.showAll[locale]}</option>
          <option value="late">{L.showLate[locale]}</option>
          <option value="missing">{L.showMissing[locale]}</option>
        </select>
      </label>
      <label htmlFor="gb-sort" style={{ minWidth: 0 }}>
        {L.sortBy[locale]}
        <select id="gb-sort" name="sort" defaultValue={sorts.some((s) => s.value === view.sort) ? view.sort : "name"} style={{ maxWidth: "100%" }}>
          {sorts.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor="gb-dir" style={{ minWidth: 0 }}>
        {L.order[locale]}
        <select id="gb-dir" name="dir" defaultValue={view.dir}>
          <option value="asc">{L.asc[locale]}</option>
          <option value="desc">{L.desc[locale]}</option>
        </select>
      </label>
      <p className="inline-form" style={{ margin: 0 }}>
        <button type="submit">{L.apply[locale]}</button>
        <Link href={base}>{L.reset[locale]}</Link>
      </p>
    </form>
  );
}

export default async function GradebookPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  const me = await currentUser();
  if (!me) redirect(`/signin?callbackUrl=${encodeURIComponent(`/instructor/cohorts/${id}/gradebook`)}`);
  const locale = await uiLocale(me);
  const view = parseGradebookView(await searchParams);
  let gradebook: Gradebook;
  try {
    gradebook = await gradebookAs(await getDb(), me.id, id);
  } catch (error) {
    return <ErrorCard error={error} locale={locale} />;
  }
  const { cohort, assignments, assignmentTotals } = gradebook;
  const base = `/instructor/cohorts/${cohort.id}/gradebook`;
  const rows = viewRows(gradebook, view);
  // Where each assignment's items start in a row's cells.
  const offsets = assignments.reduce<number[]>((acc, a, i) => [...acc, i === 0 ? 0 : acc[i - 1]! + assignments[i - 1]!.items.length], []);
  const zone = cohort.timeZone;

  return (
    <>
      <p>
        <Link href={`/instructor/cohorts/${cohort.id}`}>{L.backToCohort[locale]}</Link>
      </p>
      <section className="card">
        <h1>
          {L.title[locale]}: {cohort.name}
        </h1>
        <p className="muted">
          {L.lead[locale]} {L.timesIn[locale]} {zone}.
        </p>
        <p className="inline-form" style={{ flexWrap: "wrap" }} aria-label={L.downloads[locale]}>
          <a className="button" href={`${base}/csv`} download data-testid="gradebook-csv">
            {L.csvGradebook[locale]}
          </a>
          <a className="button secondary" href={`${base}/submissions-csv`} download data-testid="submissions-csv">
            {L.csvSubmissions[locale]}
          </a>
          <Link className="button secondary" href={`/instructor/cohorts/${cohort.id}/analytics`}>
            {L.analytics[locale]}
          </Link>
        </p>
      </section>

      <section className="card" aria-labelledby="gradebook-heading">
        <h2 id="gradebook-heading" className="sr-only">
          {L.title[locale]}
        </h2>
        {gradebook.rows.length === 0 && <p className="muted">{L.noStudents[locale]}</p>}
        {assignments.length === 0 && <p className="muted">{L.noItems[locale]}</p>}
        {gradebook.rows.length > 0 && (
          <>
            <FilterForm base={base} view={view} gradebook={gradebook} locale={locale} />
            <p className="muted" role="status">
              {L.shown[locale](rows.length, gradebook.rows.length)}
            </p>
            {rows.length === 0 ? (
              <p className="alert soft">
                {L.noMatch[locale]} <Link href={base}>{L.reset[locale]}</Link>
              </p>
            ) : (
              <div className="table-scroll">
                <table data-testid="gradebook">
                  <thead>
                    <tr>
                      <SortHeader base={base} view={view} sort="name" locale={locale}>
                        {L.student[locale]}
                      </SortHeader>
                      <SortHeader base={base} view={view} sort="total" locale={locale}>
                        {L.total[locale]}
                      </SortHeader>
                      {assignments.map((a) => (
                        <SortHeader key={a.assignmentId} base={base} view={view} sort={a.assignmentId} locale={locale}>
                          {a.title} <span className="hint">({a.points})</span>
                          <span className="hint" style={{ display: "block" }}>
                            {L.due[locale]} {formatInZone(a.dueAt, zone, locale)}
                          </span>
                          <span className="hint" style={{ display: "block", whiteSpace: "normal" }}>
                            {a.items.map((i) => `${i.title[locale]}${!i.active ? ` ${L.retired[locale]}` : ""} (${i.points})`).join(" · ")}
                          </span>
                        </SortHeader>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.student.userId} data-user={row.student.userId}>
                        <th scope="row" style={{ textAlign: "left" }}>
                          {row.student.displayName}
                          <div className="hint">{row.student.email}</div>
                        </th>
                        <td data-total={percent(row.total)}>
                          <strong>{percent(row.total)}%</strong>
                        </td>
                        {assignments.map((a, ai) => {
                          const first = offsets[ai]!;
                          return (
                            <SetCell
                              key={a.assignmentId}
                              set={row.assignments[ai]!}
                              cells={row.cells.slice(first, first + a.items.length)}
                              items={a.items}
                              href={`${base}/${row.student.userId}/${a.assignmentId}`}
                              label={L.cellLabel[locale](row.student.displayName, a.title)}
                              zone={zone}
                              locale={locale}
                            />
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" style={{ textAlign: "left" }}>
                        {L.itemMean[locale]}
                      </th>
                      <td>
                        <strong>{percent(gradebook.cohortMean)}%</strong>
                      </td>
                      {assignmentTotals.map((t, i) => (
                        <td key={assignments[i]!.assignmentId} data-item-mean={percent(t.mean)}>
                          <strong>{percent(t.mean)}%</strong>
                          <div className="hint">{L.submittedSolved[locale](t.submitted, t.solved)}</div>
                        </td>
                      ))}
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
          </>
        )}
      </section>
    </>
  );
}
