"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Locale } from "../../../graders/text";

const L = {
  label: { en: "Language", ja: "表示言語" },
  failed: { en: "Could not change the language. Try again.", ja: "表示言語を変更できませんでした。もう一度お試しください。" },
};

/** The ja/en switch: saved on the account (POST /api/locale), then the page is rendered again in the new language. */
export function LocaleSwitch({ locale }: { locale: Locale }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();

  async function choose(next: Locale) {
    if (next === locale) return;
    setError(undefined);
    try {
      const res = await fetch("/api/locale", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: next }) });
      if (!res.ok) throw new Error(String(res.status));
      startTransition(() => router.refresh());
    } catch {
      setError(L.failed[locale]);
    }
  }

  return (
    <div className="locale-switch" role="group" aria-label={L.label[locale]}>
      {(["en", "ja"] as const).map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={l === locale ? "chip current" : "chip"}
          aria-pressed={l === locale}
          disabled={pending}
          onClick={() => void choose(l)}
        >
          {l === "en" ? "English" : "日本語"}
        </button>
      ))}
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
