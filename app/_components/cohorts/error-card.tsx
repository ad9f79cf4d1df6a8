import type { Locale } from "../../../graders/text";
import { forbidden, notFound } from "next/navigation";
import { AppError } from "../../_server/errors";

const TITLES: Record<number, { en: string; ja: string }> = {
  401: { en: "Please sign in", ja: "サインインしてください" },
  403: { en: "Not allowed", ja: "アクセスできません" },
  404: { en: "Not found", ja: "見つかりません" },
};

/**
 * A page's answer when the server refused: the reason and what to do, never a stack trace. A refusal for lack of a
 * role is a real 403 (app/forbidden.tsx) and an unknown item a real 404 (app/not-found.tsx), so the status says
 * what the page says (explainNotFound keeps the card for a 404 that needs its own words). Other errors rethrow.
 */
export function ErrorCard({ error, locale, explainNotFound = false }: { error: unknown; locale: Locale; explainNotFound?: boolean }) {
  if (!(error instanceof AppError)) throw error;
  if (error.status === 403) forbidden();
  // A mistyped join code deserves its own explanation, not the generic 404 page.
  if (error.status === 404 && !explainNotFound) notFound();
  const title = TITLES[error.status] ?? { en: "Something needs attention", ja: "確認が必要です" };
  return (
    <section className="card narrow">
      <h1>{title[locale]}</h1>
      <p className="alert" role="alert">
        {error.text[locale]}
      </p>
    </section>
  );
}
