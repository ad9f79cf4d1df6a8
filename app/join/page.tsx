import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionForm } from "../_components/cohorts/action-form";
import { myStudentCohorts } from "../_server/cohorts";
import { getDb } from "../_server/db";
import { uiLocale } from "../_server/locale";
import { currentUser } from "../_server/session";
import { joinCohortAction } from "./actions";
import { JOIN_L } from "./text";

export const dynamic = "force-dynamic";

export default async function JoinPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await currentUser();
  if (!me) redirect("/signin?callbackUrl=/join");
  const locale = await uiLocale(me);
  const cohorts = await myStudentCohorts(await getDb(), me.id);
  const joinedId = (await searchParams).joined;
  // Only a cohort the user is really in is named, so a crafted link cannot put words on this page.
  const joined = typeof joinedId === "string" ? cohorts.find((c) => c.id === joinedId) : undefined;
  return (
    <>
      {joined && (
        <p className="notice" role="status">
          {JOIN_L.joined[locale](joined.name)} <Link href="/">{JOIN_L.dashboard[locale]}</Link>
        </p>
      )}
      <section className="card narrow">
        <h1>{JOIN_L.title[locale]}</h1>
        <p>{JOIN_L.lead[locale]}</p>
        <ActionForm
          action={joinCohortAction}
          locale={locale}
          testId="join-form"
          submitLabel={JOIN_L.submit[locale]}
          busyLabel={JOIN_L.busy[locale]}
          fields={[{ name: "code", label: JOIN_L.code[locale], hint: JOIN_L.hint[locale], autoComplete: "off", autoCapitalize: "characters" }]}
        />
      </section>
      {cohorts.length > 0 && (
        <section className="card narrow" aria-labelledby="my-cohorts">
          <h2 id="my-cohorts">{JOIN_L.mine[locale]}</h2>
          <ul>
            {cohorts.map((c) => (
              <li key={c.id}>{c.name}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
