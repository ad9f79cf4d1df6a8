import Link from "next/link";
import { getDb } from "./_server/db";
import { uiLocale } from "./_server/locale";
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
  welcome: { en: "Welcome back", ja: "おかえりなさい" },
  topics: { en: "Topics", ja: "トピック" },
  empty: { en: "No exercises are installed yet: add folders under exercises/ and restart.", ja: "まだ演習がありません。exercises/ にフォルダーを追加して再起動してください。" },
};

export default async function Home() {
  const user = await currentUser();
  const locale = await uiLocale(user);
  const db = await getDb();
  const topics = await db.topic.findMany({
    where: { active: true },
    orderBy: { order: "asc" },
    include: { exercises: { where: { active: true }, orderBy: { order: "asc" }, select: { id: true, titleEn: true, titleJa: true } } },
  });
  return (
    <>
      <section className="card">
        <h1>{user ? `${L.welcome[locale]}, ${user.displayName}` : L.title[locale]}</h1>
        <p>{L.lead[locale]}</p>
        {!user && (
          <p className="inline-form">
            <Link className="button" href="/signup">
              {L.start[locale]}
            </Link>
            <Link className="button secondary" href="/signin">
              {L.signIn[locale]}
            </Link>
          </p>
        )}
      </section>
      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">{L.topics[locale]}</h2>
        {topics.length === 0 ? (
          <p className="muted">{L.empty[locale]}</p>
        ) : (
          <ul className="topics">
            {topics.map((topic) => (
              <li key={topic.id} className="card">
                <strong>{locale === "ja" ? topic.titleJa : topic.titleEn}</strong>
                <ul>
                  {topic.exercises.map((e) => (
                    <li key={e.id}>{locale === "ja" ? e.titleJa : e.titleEn}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
