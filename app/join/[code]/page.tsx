import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionForm } from "../../_components/cohorts/action-form";
import { ErrorCard } from "../../_components/cohorts/error-card";
import { cohortForJoinCode, membership } from "../../_server/cohorts";
import { getDb } from "../../_server/db";
import { uiLocale } from "../../_server/locale";
import { currentUser } from "../../_server/session";
import { joinCohortAction } from "../actions";
import { JOIN_L } from "../text";

export const dynamic = "force-dynamic";

/** The join link. Opening it only shows the cohort; joining is a button (a POST), so a link preview joins nobody. */
export default async function JoinLinkPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const me = await currentUser();
  if (!me) redirect(`/signin?callbackUrl=${encodeURIComponent(`/join/${code}`)}`);
  const locale = await uiLocale(me);
  const db = await getDb();
  let cohort;
  try {
    cohort = await cohortForJoinCode(db, code);
  } catch (error) {
    return (
      <>
        <ErrorCard error={error} locale={locale} explainNotFound />
        <p className="narrow">
          <Link href="/join">{JOIN_L.other[locale]}</Link>
        </p>
      </>
    );
  }
  const member = (await membership(db, cohort.id, me.id)) !== null;
  return (
    <section className="card narrow">
      <h1>{member ? JOIN_L.already[locale](cohort.name) : JOIN_L.invite[locale](cohort.name)}</h1>
      {member ? (
        <p>
          <Link href="/">{JOIN_L.dashboard[locale]}</Link>
        </p>
      ) : (
        <>
          <p>{JOIN_L.inviteLead[locale]}</p>
          <ActionForm
            action={joinCohortAction}
            locale={locale}
            testId="join-form"
            submitLabel={JOIN_L.submit[locale]}
            busyLabel={JOIN_L.busy[locale]}
            fields={[{ name: "code", label: JOIN_L.code[locale], type: "hidden", defaultValue: cohort.joinCode }]}
          />
        </>
      )}
    </section>
  );
}
