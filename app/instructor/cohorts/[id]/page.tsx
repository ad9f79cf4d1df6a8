import { browserOrigin } from "../../../_server/request-origin";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { Locale } from "../../../../graders/text";
import { LATE_POLICY_OPTIONS, latePolicyText } from "../../../_components/assignments/late-policy-text";
import { ActionForm, type FieldSpec } from "../../../_components/cohorts/action-form";
import { CopyButton } from "../../../_components/cohorts/copy-button";
import { ErrorCard } from "../../../_components/cohorts/error-card";
import { assignableItemsAs, itemValue, listAssignmentsAs, MAX_ITEMS, type AssignableItems, type AssignmentView } from "../../../_server/assignments";
import { listExtensionsAs, type ExtensionView } from "../../../_server/extensions";
import { joinPath, requireCohortInstructor, rosterAs } from "../../../_server/cohorts";
import { getDb } from "../../../_server/db";
import { uiLocale } from "../../../_server/locale";
import { currentUser } from "../../../_server/session";
import { formatInZone, timeZoneChoices, utcToLocalInput } from "../../../_server/time-zone";
import {
  addCoInstructorAction,
  createAssignmentAction,
  deleteAssignmentAction,
  deleteCohortAction,
  regenerateCodeAction,
  removeExtensionAction,
  removeMemberAction,
  createResetLinkAction,
  setExtensionAction,
  updateAssignmentAction,
  updateCohortAction,
} from "./actions";
import { RosterImportForm } from "./roster-import-form";
import { COHORT_L as L } from "./text";

export const dynamic = "force-dynamic";

function windowFields(locale: Locale, zone: string, a?: AssignmentView): FieldSpec[] {
  return [
    { name: "opensAt", label: `${L.opensAt[locale]} (${zone})`, type: "datetime-local", defaultValue: a ? utcToLocalInput(a.opensAt, zone) : undefined },
    { name: "dueAt", label: `${L.dueAt[locale]} (${zone})`, type: "datetime-local", defaultValue: a ? utcToLocalInput(a.dueAt, zone) : undefined },
    {
      name: "latePolicy",
      label: L.latePolicy[locale],
      type: "select",
      defaultValue: a?.latePolicy ?? "ACCEPT",
      options: LATE_POLICY_OPTIONS.map((o) => ({ value: o.value, label: o.label[locale] })),
    },
    {
      name: "penaltyPercent",
      label: L.penalty[locale],
      hint: L.penaltyHint[locale],
      type: "number",
      min: 0,
      max: 100,
      step: 0.1,
      required: false,
      defaultValue: a && a.latePolicy === "PENALTY" ? String(Math.round(a.penaltyPerDay * 1000) / 10) : undefined,
    },
    {
      name: "maxAttempts",
      label: L.maxAttempts[locale],
      hint: L.quizOnlyHint[locale],
      type: "number",
      min: 1,
      max: 20,
      step: 1,
      required: false,
      defaultValue: String(a?.maxAttempts ?? 3),
    },
    {
      name: "decayPercent",
      label: L.decay[locale],
      hint: L.quizOnlyHint[locale],
      type: "number",
      min: 0,
      max: 100,
      step: 1,
      required: false,
      defaultValue: String(Math.round((a?.attemptDecay ?? 0) * 1000) / 10),
    },
  ];
}

type Option = { value: string; label: string; group?: string };

function itemOptions(items: AssignableItems, locale: Locale): Option[] {
  const title = (x: { titleEn: string; titleJa: string }) => (locale === "ja" ? x.titleJa : x.titleEn);
  return [
    ...items.exercises.map((e) => ({ value: itemValue("EXERCISE", e.id), label: `${title(e)} (${e.id})`, group: L.exercises[locale] })),
    ...items.quizzes.map((q) => ({ value: itemValue("QUIZ", q.topicId), label: `${title(q)} — ${q.items} ${L.quizItems[locale]}`, group: L.quizzes[locale] })),
  ];
}

/** Rows of (item, points) in order: the set's items, then empty rows to add more. */
function itemFields(locale: Locale, options: Option[], a?: AssignmentView): FieldSpec[] {
  const rows = Math.min(MAX_ITEMS, Math.max(6, (a?.items.length ?? 0) + 2));
  // A retired item stays selectable in its own set, so saving the set does not drop it.
  const own = (a?.items ?? []).filter((i) => !options.some((o) => o.value === itemValue(i.kind, i.refId)));
  const all: Option[] = [{ value: "", label: L.noItem[locale] }, ...options, ...own.map((i) => ({ value: itemValue(i.kind, i.refId), label: `${locale === "ja" ? i.titleJa : i.titleEn} ${L.retired[locale]}` }))];
  return Array.from({ length: rows }, (_, n): FieldSpec[] => {
    const item = a?.items[n];
    return [
      { name: `item_${n}`, label: L.itemN[locale](n + 1), type: "select", required: false, options: all, defaultValue: item ? itemValue(item.kind, item.refId) : "" },
      { name: `points_${n}`, label: L.pointsN[locale](n + 1), type: "number", min: 0, max: 1000, step: 1, required: false, defaultValue: String(item?.points ?? 10) },
    ];
  }).flat();
}

function setFields(locale: Locale, zone: string, options: Option[], a?: AssignmentView): FieldSpec[] {
  return [
    { name: "title", label: L.setTitle[locale], hint: L.setTitleHint[locale], required: false, defaultValue: a?.title ?? "" },
    ...itemFields(locale, options, a),
    ...windowFields(locale, zone, a),
  ];
}

function ExtensionsOf({ a, extensions, students, cohortIdField, zone, locale }: { a: AssignmentView; extensions: ExtensionView[]; students: { userId: string; displayName: string; email: string }[]; cohortIdField: FieldSpec; zone: string; locale: Locale }) {
  const hidden = (name: string, value: string): FieldSpec => ({ name, label: name, type: "hidden", defaultValue: value });
  return (
    <details data-testid="extensions">
      <summary>
        {L.extensions[locale]} ({extensions.length})
      </summary>
      {extensions.length === 0 ? (
        <p className="muted">{L.noExtensions[locale]}</p>
      ) : (
        <ul>
          {extensions.map((x) => (
            <li key={x.id} data-extension={x.userId}>
              {x.displayName} · {formatInZone(x.dueAt, zone, locale)}
              {x.latePolicy && ` · ${latePolicyText(x.latePolicy, x.penaltyPerDay ?? 0)[locale]}`}
              {x.reason && ` · ${x.reason}`}
              <ActionForm
                action={removeExtensionAction}
                locale={locale}
                layout="inline"
                danger
                confirm={L.removeExtensionConfirm[locale]}
                submitLabel={L.removeExtension[locale]}
                busyLabel={L.removing[locale]}
                fields={[cohortIdField, hidden("assignmentId", a.id), hidden("userId", x.userId)]}
              />
            </li>
          ))}
        </ul>
      )}
      {students.length > 0 && (
        <ActionForm
          action={setExtensionAction}
          locale={locale}
          testId="extension-form"
          submitLabel={L.extendSubmit[locale]}
          busyLabel={L.extending[locale]}
          fields={[
            cohortIdField,
            hidden("assignmentId", a.id),
            { name: "userId", label: L.studentField[locale], type: "select", options: students.map((s) => ({ value: s.userId, label: `${s.displayName} (${s.email})` })) },
            { name: "dueAt", label: `${L.extendedDue[locale]} (${zone})`, type: "datetime-local", defaultValue: utcToLocalInput(a.dueAt, zone) },
            {
              name: "latePolicy",
              label: L.extensionPolicy[locale],
              type: "select",
              required: false,
              defaultValue: "",
              options: [{ value: "", label: L.sameAsAssignment[locale] }, ...LATE_POLICY_OPTIONS.map((o) => ({ value: o.value, label: o.label[locale] }))],
            },
            { name: "penaltyPercent", label: L.penalty[locale], hint: L.penaltyHint[locale], type: "number", min: 0, max: 100, step: 0.1, required: false },
            { name: "reason", label: L.reason[locale], required: false },
          ]}
        />
      )}
    </details>
  );
}

export default async function CohortPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const me = await currentUser();
  if (!me) redirect(`/signin?callbackUrl=${encodeURIComponent(`/instructor/cohorts/${id}`)}`);
  const locale = await uiLocale(me);
  const db = await getDb();
  let access, roster, assignments, items, extensions;
  try {
    access = await requireCohortInstructor(db, me.id, id);
    [roster, assignments, items, extensions] = await Promise.all([rosterAs(db, me.id, id), listAssignmentsAs(db, me.id, id), assignableItemsAs(db, me.id), listExtensionsAs(db, me.id, id)]);
  } catch (error) {
    return <ErrorCard error={error} locale={locale} />;
  }
  const { cohort, isOwner } = access;
  const zone = cohort.timeZone;
  const when = (d: Date) => formatInZone(d, zone, locale);
  const link = `${await browserOrigin()}${joinPath(cohort.joinCode)}`;
  const expired = cohort.joinCodeExpiresAt !== null && cohort.joinCodeExpiresAt.getTime() <= Date.now();
  const hidden = (name: string, value: string): FieldSpec => ({ name, label: name, type: "hidden", defaultValue: value });
  const cohortIdField = hidden("cohortId", cohort.id);
  const options = itemOptions(items, locale);
  const studentList = roster.filter((m) => m.role === "STUDENT");
  const students = studentList.length;

  return (
    <>
      <p>
        <Link href="/instructor">{L.back[locale]}</Link>
      </p>
      <section className="card">
        <h1>{cohort.name}</h1>
        <p className="muted">
          {L.timesIn[locale]} {zone}
        </p>
        <p className="inline-form" style={{ flexWrap: "wrap" }}>
          <Link className="button" href={`/instructor/cohorts/${cohort.id}/gradebook`}>
            {L.gradebook[locale]}
          </Link>
          <Link className="button secondary" href={`/instructor/cohorts/${cohort.id}/analytics`}>
            {L.analytics[locale]}
          </Link>
          <Link className="button secondary" href={`/instructor/cohorts/${cohort.id}/regrade`}>
            {L.regrade[locale]}
          </Link>
        </p>
      </section>

      <section className="card" aria-labelledby="join-heading">
        <h2 id="join-heading">{L.joinTitle[locale]}</h2>
        <p>{L.joinLead[locale]}</p>
        <p style={{ fontSize: "2rem", letterSpacing: ".15em", fontFamily: "ui-monospace, monospace", margin: ".5rem 0" }} data-testid="join-code">
          {cohort.joinCode}
        </p>
        <p className="inline-form" style={{ flexWrap: "wrap" }}>
          <code data-testid="join-link" style={{ overflowWrap: "anywhere" }}>
            {link}
          </code>
          <CopyButton text={link} label={L.copy[locale]} done={L.copied[locale]} manual={L.copyManual[locale]} />
        </p>
        <p className={expired ? "alert" : "muted"}>
          {expired ? L.expired[locale] : cohort.joinCodeExpiresAt ? `${L.expires[locale]} ${when(cohort.joinCodeExpiresAt)}` : L.noExpiry[locale]}
        </p>
        <details>
          <summary>{L.regenerate[locale]}</summary>
          <ActionForm
            action={regenerateCodeAction}
            locale={locale}
            confirm={L.regenerateConfirm[locale]}
            submitLabel={L.regenerate[locale]}
            busyLabel={L.regenerating[locale]}
            fields={[cohortIdField, { name: "expiresInDays", label: L.validDays[locale], hint: L.validDaysHint[locale], type: "number", min: 1, max: 365, step: 1, required: false }]}
          />
        </details>
      </section>

      <section className="card" aria-labelledby="assignments-heading">
        <h2 id="assignments-heading">{L.assignments[locale]}</h2>
        {assignments.length === 0 ? (
          <p className="muted">{L.noAssignments[locale]}</p>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <div className="table-scroll">
            <table data-testid="assignments">
              <thead>
                <tr>
                  <th scope="col">{L.item[locale]}</th>
                  <th scope="col">{L.points[locale]}</th>
                  <th scope="col">{L.opens[locale]}</th>
                  <th scope="col">{L.due[locale]}</th>
                  <th scope="col">{L.late[locale]}</th>
                  <th scope="col">{L.actions[locale]}</th>
                </tr>
              </thead>
              <tbody>
                {assignments.map((a) => (
                  <tr key={a.id} data-assignment={a.id}>
                    <td>
                      <strong>{a.title}</strong>
                      <ol style={{ margin: ".25rem 0 0", paddingLeft: "1.25rem" }}>
                        {a.items.map((i) => (
                          <li key={i.id}>
                            {locale === "ja" ? i.titleJa : i.titleEn} · {i.points} {i.retired && <span className="muted">{L.retired[locale]}</span>}
                          </li>
                        ))}
                      </ol>
                    </td>
                    <td>{a.points}</td>
                    <td>{when(a.opensAt)}</td>
                    <td>{when(a.dueAt)}</td>
                    <td>{latePolicyText(a.latePolicy, a.penaltyPerDay)[locale]}</td>
                    <td>
                      <details>
                        <summary>{L.edit[locale]}</summary>
                        <ActionForm
                          action={updateAssignmentAction}
                          locale={locale}
                          submitLabel={L.save[locale]}
                          busyLabel={L.saving[locale]}
                          fields={[cohortIdField, hidden("assignmentId", a.id), ...setFields(locale, zone, options, a)]}
                        />
                      </details>
                      <ExtensionsOf a={a} extensions={extensions.filter((x) => x.assignmentId === a.id)} students={studentList} cohortIdField={cohortIdField} zone={zone} locale={locale} />
                      <ActionForm
                        action={deleteAssignmentAction}
                        locale={locale}
                        layout="inline"
                        danger
                        confirm={L.deleteAssignmentConfirm[locale]}
                        submitLabel={L.deleteAssignment[locale]}
                        busyLabel={L.removing[locale]}
                        fields={[cohortIdField, hidden("assignmentId", a.id)]}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          </div>
        )}
        <h3>{L.assign[locale]}</h3>
        <p className="hint">{L.itemsHint[locale]}</p>
        <div className="narrow" style={{ marginLeft: 0 }}>
          <ActionForm
            action={createAssignmentAction}
            locale={locale}
            testId="assign-form"
            submitLabel={L.assignSubmit[locale]}
            busyLabel={L.assigning[locale]}
            fields={[cohortIdField, ...setFields(locale, zone, options)]}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="roster-heading">
        <h2 id="roster-heading">
          {L.roster[locale]} · {L.studentCount[locale](students)}
        </h2>
        {students === 0 && <p className="muted">{L.noStudents[locale]}</p>}
        <div style={{ overflowX: "auto" }}>
          <div className="table-scroll">
          <table data-testid="roster">
            <thead>
              <tr>
                <th scope="col">{L.name[locale]}</th>
                <th scope="col">{L.email[locale]}</th>
                <th scope="col">{L.role[locale]}</th>
                <th scope="col">{L.enrolled[locale]}</th>
                <th scope="col">{L.actions[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {roster.map((m) => (
                <tr key={m.userId}>
                  <td>{m.displayName}</td>
                  <td>{m.email}</td>
                  <td>{m.isOwner ? L.owner[locale] : m.role === "INSTRUCTOR" ? L.coInstructor[locale] : L.student[locale]}</td>
                  <td>{when(m.enrolledAt)}</td>
                  <td>
                    {m.role === "STUDENT" && (
                      <ActionForm
                        action={createResetLinkAction}
                        locale={locale}
                        layout="inline"
                        testId="reset-link-form"
                        submitLabel={L.resetLink[locale]}
                        busyLabel={L.resetLinkBusy[locale]}
                        fields={[cohortIdField, hidden("userId", m.userId)]}
                      />
                    )}
                    {!m.isOwner && (
                      <ActionForm
                        action={removeMemberAction}
                        locale={locale}
                        layout="inline"
                        danger
                        confirm={L.removeConfirm[locale]}
                        submitLabel={L.remove[locale]}
                        busyLabel={L.removing[locale]}
                        fields={[cohortIdField, hidden("userId", m.userId)]}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        </div>
        <RosterImportForm cohortId={cohort.id} locale={locale} />
        <h3>{L.addCo[locale]}</h3>
        <div className="narrow" style={{ marginLeft: 0 }}>
          <ActionForm
            action={addCoInstructorAction}
            locale={locale}
            resetOnSuccess
            submitLabel={L.add[locale]}
            busyLabel={L.adding[locale]}
            fields={[cohortIdField, { name: "email", label: L.email[locale], hint: L.addCoHint[locale], type: "email", autoComplete: "off" }]}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="settings-heading">
        <h2 id="settings-heading">{L.settings[locale]}</h2>
        <div className="narrow" style={{ marginLeft: 0 }}>
          <ActionForm
            action={updateCohortAction}
            locale={locale}
            submitLabel={L.save[locale]}
            busyLabel={L.saving[locale]}
            fields={[
              cohortIdField,
              { name: "name", label: L.cohortName[locale], defaultValue: cohort.name },
              {
                name: "timeZone",
                label: L.timeZone[locale],
                hint: L.timeZoneHint[locale],
                type: "select",
                defaultValue: zone,
                options: timeZoneChoices().map((z) => ({ value: z, label: z })),
              },
            ]}
          />
        </div>
        <h3>{L.deleteCohort[locale]}</h3>
        {isOwner ? (
          <ActionForm
            action={deleteCohortAction}
            locale={locale}
            danger
            confirm={L.deleteCohortConfirm[locale]}
            submitLabel={L.deleteCohort[locale]}
            busyLabel={L.deleting[locale]}
            fields={[cohortIdField]}
          />
        ) : (
          <p className="muted">{L.deleteHint[locale]}</p>
        )}
      </section>
    </>
  );
}
