"use client";

import { useActionState, useEffect, useState } from "react";
import type { Locale } from "../../../../graders/text";
import type { ActionResult } from "../../../_server/action-result";
import { importRosterAction, type RosterImportOutcome } from "./actions";

const L = {
  title: { en: "Import a roster", ja: "名簿の取り込み" },
  hint: {
    en: "A CSV file with the columns email,name (Excel: “CSV UTF-8”). New accounts get a one-time link to set their password, valid 7 days; nothing is imported while a line has a problem.",
    ja: "列が email,name の CSV ファイル（Excel では「CSV UTF-8」）。新しいアカウントには 7 日間有効の 1 回限りのパスワード設定リンクが作られます。問題のある行があると何も取り込みません。",
  },
  file: { en: "Roster file", ja: "名簿ファイル" },
  submit: { en: "Import", ja: "取り込む" },
  busy: { en: "Importing…", ja: "取り込み中…" },
  download: { en: "Download the links (CSV)", ja: "リンク一覧をダウンロード（CSV）" },
  done: (o: RosterImportOutcome, locale: Locale) =>
    locale === "ja" ? `${o.enrolled} 人を登録しました（新しいアカウント ${o.created} 件）。` : `Enrolled ${o.enrolled} (${o.created} new accounts).`,
};

export function RosterImportForm({ cohortId, locale }: { cohortId: string; locale: Locale }) {
  const [state, action, pending] = useActionState<ActionResult<RosterImportOutcome> | undefined, FormData>(importRosterAction, undefined);
  const [href, setHref] = useState<string>();
  useEffect(() => {
    if (!state?.ok) return;
    const url = URL.createObjectURL(new Blob([state.data.csv], { type: "text/csv;charset=utf-8" }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [state]);

  return (
    <form className="stack" action={action} data-testid="roster-import">
      <h3>{L.title[locale]}</h3>
      <p className="muted">{L.hint[locale]}</p>
      <input type="hidden" name="cohortId" value={cohortId} />
      <label>
        {L.file[locale]}
        <input type="file" name="file" accept=".csv,text/csv" required />
      </label>
      <button type="submit" disabled={pending}>
        {pending ? L.busy[locale] : L.submit[locale]}
      </button>
      {state && !state.ok && (
        <div className="alert" role="alert">
          <p>{state.error[locale]}</p>
          <ul>
            {Object.entries(state.fieldErrors).map(([key, text]) => (
              <li key={key}>{text[locale]}</li>
            ))}
          </ul>
        </div>
      )}
      {state?.ok && (
        <p role="status">
          {L.done(state.data, locale)}{" "}
          {href && (
            <a href={href} download="set-password-links.csv" data-testid="roster-links">
              {L.download[locale]}
            </a>
          )}
        </p>
      )}
    </form>
  );
}
