import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionForm } from "../_components/cohorts/action-form";
import { ErrorCard } from "../_components/cohorts/error-card";
import { hasRole } from "../_server/authz";
import { listCohortsAs } from "../_server/cohorts";
import { getDb } from "../_server/db";
import { uiLocale } from "../_server/locale";
import { currentUser } from "../_server/session";
import { DEFAULT_TIME_ZONE, timeZoneChoices } from "../_server/time-zone";
import { BrowserTimeZone } from "../_components/cohorts/browser-time-zone";
import { createCohortAction } from "./actions";
import { INSTRUCTOR_L as L } from "./text";

export const dynamic = "force-dynamic";

export default async function InstructorPage() {
  const me = await currentUser();
  if (!me) redirect("/signin?callbackUrl=/instructor");
  const locale = await uiLocale(me);
  let cohorts;
  try {
    cohorts = await listCohortsAs(await getDb(), me.id);
  } catch (error) {
    return <ErrorCard error={error} locale={locale} />;
  }
  const admin = hasRole(me, "ADMIN");
  return (
    <>
      <section className="card">
        <h1>{admin ? L.allTitle[locale] : L.title[locale]}</h1>
        {cohorts.length === 0 ? (
          <p className="muted">{L.none[locale]}</p>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table data-testid="cohort-list">
              <thead>
                <tr>
                  <th scope="col">{L.name[locale]}</th>
                  <th scope="col">{L.students[locale]}</th>
                  <th scope="col">{L.assignments[locale]}</th>
                  <th scope="col">{L.joinCode[locale]}</th>
                  <th scope="col">{admin ? L.ownedBy[locale] : L.role[locale]}</th>
                </tr>
              </thead>
              <tbody>
                {cohorts.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link href={`/instructor/cohorts/${c.id}`}>{c.name}</Link>
                    </td>
                    <td>{c.students}</td>
                    <td>{c.assignments}</td>
                    <td>
                      <code>{c.joinCode}</code>
                    </td>
                    <td>{admin ? c.ownerName : c.isOwner ? L.owner[locale] : L.coInstructor[locale]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card narrow" aria-labelledby="create-cohort">
        <h2 id="create-cohort">{L.create[locale]}</h2>
        <ActionForm
          action={createCohortAction}
          locale={locale}
          testId="create-cohort-form"
          submitLabel={L.createSubmit[locale]}
          busyLabel={L.creating[locale]}
          fields={[
            { name: "name", label: L.cohortName[locale], hint: L.cohortNameHint[locale], autoComplete: "off" },
            {
              name: "timeZone",
              label: L.timeZone[locale],
              hint: L.timeZoneHint[locale],
              type: "select",
              defaultValue: DEFAULT_TIME_ZONE,
              options: timeZoneChoices().map((z) => ({ value: z, label: z })),
            },
          ]}
        />
        <BrowserTimeZone formTestId="create-cohort-form" name="timeZone" />
      </section>
    </>
  );
}
