import { redirect } from "next/navigation";
import { ErrorCard } from "../../_components/cohorts/error-card";
import { queueHealthAs } from "../../_server/admin";
import { getDb } from "../../_server/db";
import { uiLocale } from "../../_server/locale";
import { currentUser } from "../../_server/session";
import { AutoRefresh } from "../../_components/nav/auto-refresh";

export const dynamic = "force-dynamic";

const L = {
  title: { en: "Grading queue", ja: "採点キュー" },
  state: { en: "State", ja: "状態" },
  healthy: { en: "healthy", ja: "正常" },
  behind: { en: "behind: the oldest job waits longer than the threshold; add graders (npm run grader) or check that they run", ja: "遅延中：最も古いジョブが閾値より長く待っています。採点プロセスを追加する（npm run grader）か、動作しているか確認してください" },
  queued: { en: "Queued jobs", ja: "待機中のジョブ" },
  inFlight: { en: "Jobs being graded", ja: "採点中のジョブ" },
  oldest: { en: "Oldest job waiting for", ja: "最も古いジョブの待ち時間" },
  threshold: { en: "Threshold", ja: "閾値" },
  graders: { en: "Grader processes alive (grading slots)", ja: "稼働中の採点プロセス（同時採点数）" },
  refresh: { en: "Refreshed every 5 s; the same figures are in GET /api/health.", ja: "5 秒ごとに更新されます。同じ値は GET /api/health でも取得できます。" },
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default async function AdminGradingPage() {
  const me = await currentUser();
  if (!me) redirect("/signin?callbackUrl=/admin/grading");
  const locale = await uiLocale(me);
  let q;
  try {
    q = await queueHealthAs(await getDb(), me.id);
  } catch (error) {
    return <ErrorCard error={error} locale={locale} />;
  }
  const rows: [string, string][] = [
    [L.state[locale], q.ok ? L.healthy[locale] : L.behind[locale]],
    [L.queued[locale], String(q.queued)],
    [L.inFlight[locale], String(q.inFlight)],
    [L.oldest[locale], seconds(q.oldestAgeMs)],
    [L.threshold[locale], seconds(q.maxAgeMs)],
    [L.graders[locale], `${q.gradersAlive} (${q.graderSlots})`],
  ];
  return (
    <section className="card narrow">
      <AutoRefresh seconds={5} />
      <h1>{L.title[locale]}</h1>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{L.refresh[locale]}</p>
    </section>
  );
}
