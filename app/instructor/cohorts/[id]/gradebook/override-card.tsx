import type { Locale } from "../../../../../graders/text";
import { ActionForm } from "../../../../_components/cohorts/action-form";
import { percent } from "../../../../_server/gradebook";
import type { OverrideEventView } from "../../../../_server/overrides";
import { formatInZone } from "../../../../_server/time-zone";
import { revertOverrideAction, setOverrideAction } from "./override-actions";

const L = {
  title: { en: "Override", ja: "点数の上書き" },
  lead: {
    en: "Set this student's score on this item yourself. The comment is shown to the student; every change is kept below.",
    ja: "この課題のこの学生の点数を直接設定します。コメントは学生に表示され、変更はすべて下に記録されます。",
  },
  computed: { en: "Computed score", ja: "計算上の点数" },
  current: { en: "Overridden to", ja: "上書き後の点数" },
  none: { en: "not overridden", ja: "上書きなし" },
  score: { en: "Score (%)", ja: "点数（%）" },
  comment: { en: "Comment for the student", ja: "学生へのコメント" },
  set: { en: "Set score", ja: "点数を設定" },
  setting: { en: "Saving…", ja: "保存中…" },
  reason: { en: "Why revert (kept in the history)", ja: "戻す理由（履歴に残ります）" },
  revert: { en: "Revert to the computed score", ja: "計算上の点数に戻す" },
  reverting: { en: "Reverting…", ja: "戻しています…" },
  revertConfirm: { en: "Remove the override and count the computed score again?", ja: "上書きを取り消して計算上の点数に戻しますか？" },
  history: { en: "History", ja: "履歴" },
  when: { en: "When", ja: "日時" },
  who: { en: "Who", ja: "担当" },
  change: { en: "Change", ja: "変更" },
  why: { en: "Why", ja: "理由" },
  setEvent: { en: "set", ja: "設定" },
  revertEvent: { en: "reverted", ja: "取り消し" },
};

const pct = (s: number | null) => (s === null ? "—" : `${percent(s)}%`);

/** The drill-down's override panel: the cell's computed and overridden score, set and revert forms, and the audit. */
export function OverrideCard(props: {
  cohortId: string;
  itemId: string;
  userId: string;
  computed: number | null;
  override: { score: number; comment: string } | null;
  history: OverrideEventView[];
  zone: string;
  locale: Locale;
}) {
  const { locale } = props;
  const hidden = [
    { name: "cohortId", label: "", type: "hidden" as const, defaultValue: props.cohortId },
    { name: "itemId", label: "", type: "hidden" as const, defaultValue: props.itemId },
    { name: "userId", label: "", type: "hidden" as const, defaultValue: props.userId },
  ];
  return (
    <section className="card" aria-labelledby="override-heading" data-testid="override-card" data-overridden={props.override ? "true" : "false"}>
      <h2 id="override-heading">{L.title[locale]}</h2>
      <p className="muted">{L.lead[locale]}</p>
      <p>
        {L.computed[locale]}: <strong data-testid="override-computed">{pct(props.computed)}</strong> · {L.current[locale]}:{" "}
        <strong data-testid="override-current">{props.override ? pct(props.override.score) : L.none[locale]}</strong>
      </p>
      <ActionForm
        action={setOverrideAction}
        fields={[
          ...hidden,
          { name: "score", label: L.score[locale], type: "number", min: 0, max: 100, step: 0.1, required: true, defaultValue: props.override ? String(percent(props.override.score)) : "" },
          { name: "comment", label: L.comment[locale], required: true, defaultValue: props.override?.comment ?? "" },
        ]}
        submitLabel={L.set[locale]}
        busyLabel={L.setting[locale]}
        locale={locale}
        testId="override-form"
      />
      {props.override && (
        <ActionForm
          action={revertOverrideAction}
          fields={[...hidden, { name: "comment", label: L.reason[locale], required: true }]}
          submitLabel={L.revert[locale]}
          busyLabel={L.reverting[locale]}
          confirm={L.revertConfirm[locale]}
          danger
          locale={locale}
          testId="override-revert-form"
        />
      )}
      {props.history.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="override-history">
            <caption>{L.history[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{L.when[locale]}</th>
                <th scope="col">{L.who[locale]}</th>
                <th scope="col">{L.change[locale]}</th>
                <th scope="col">{L.why[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {props.history.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td>{formatInZone(e.createdAt, props.zone, locale)}</td>
                  <td>{e.actor}</td>
                  <td>
                    {e.action === "SET" ? L.setEvent[locale] : L.revertEvent[locale]}: {pct(e.oldScore)} → {pct(e.newScore)}
                  </td>
                  <td>{e.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
