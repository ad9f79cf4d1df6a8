import Link from "next/link";
import { MyAssignments } from "./_components/assignments/my-assignments";
import { Dashboard } from "./_components/catalog/dashboard";
import { getDb } from "./_server/db";
import { uiLocale } from "./_server/locale";
import { catalogStanding } from "./_server/progress";
import { currentUser } from "./_server/session";

export const dynamic = "force-dynamic";

const L = {
  title: { en: "Practise the mathematics of machine learning", ja: "機械学習の数学を、手を動かして身につける" },
  lead: {
    en: "Write softmax, truncated SVD, LayerNorm backward and a tiny autodiff in TypeScript. Every submission is graded against reference solutions, property checks and gradient checks, and every failure is explained.",
    ja: "softmax、打ち切り SVD、LayerNorm の逆伝播、小さな自動微分を TypeScript で書きます。提出はすべて模範解答・性質チェック・勾配チェックで採点され、失敗にはその理由が説明されます。",
  },
  start: { en: "Create an account", ja: "アカウントを作る" },
  signIn: { en: "Sign in", ja: "サインイン" },
  topics: { en: "Topics", ja: "トピック" },
  browse: { en: "Browse the catalog", ja: "演習一覧を見る" },
  empty: { en: "No exercises are installed yet: add folders under exercises/ and restart.", ja: "まだ演習がありません。exercises/ にフォルダーを追加して再起動してください。" },
};

export default async function Home() {
  const user = await currentUser();
  const locale = await uiLocale(user);
  const db = await getDb();
  if (user) {
    // Sections about the learner's cohorts (e.g. their assignments) go here as children: shown after "Next up".
    return (
      <Dashboard db={db} user={user} locale={locale}>
        <MyAssignments user={user} locale={locale} />
      </Dashboard>
    );
  }

  const topics = await catalogStanding(db, null);
  return (
    <>
      <section className="card">
        <h1>{L.title[locale]}</h1>
        <p>{L.lead[locale]}</p>
        <p className="inline-form">
          <Link className="button" href="/signup">
            {L.start[locale]}
          </Link>
          <Link className="button secondary" href="/signin">
            {L.signIn[locale]}
          </Link>
        </p>
      </section>
      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">{L.topics[locale]}</h2>
        {topics.length === 0 ? (
          <p className="muted">{L.empty[locale]}</p>
        ) : (
          <ul className="topics">
            {topics.map((topic) => (
              <li key={topic.id} className="card">
                <Link href={`/topics/${topic.id}`}>
                  <strong>{topic.title[locale]}</strong>
                </Link>
                <ul>
                  {topic.exercises.map((e) => (
                    <li key={e.id}>
                      <Link href={`/exercises/${e.id}`}>{e.title[locale]}</Link>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href="/catalog">{L.browse[locale]}</Link>
        </p>
      </section>
    </>
  );
}
