import { readEnv } from "../_server/env";
import { uiLocale } from "../_server/locale";
import { ForgotForm } from "./forgot-form";

export const dynamic = "force-dynamic";

export default async function ForgotPasswordPage() {
  const locale = await uiLocale(null);
  const mail = Boolean(readEnv().ML_DOJO_SMTP_URL);
  return (
    <section className="card narrow">
      <h1>{locale === "ja" ? "パスワードを忘れた場合" : "Forgot your password?"}</h1>
      {mail ? (
        <ForgotForm locale={locale} />
      ) : (
        <p>
          {locale === "ja"
            ? "このサーバーはメールを送れません。担当の先生か管理者に、パスワード再設定リンクを作ってもらってください。"
            : "This server cannot send email. Ask your instructor or an administrator for a password-reset link."}
        </p>
      )}
    </section>
  );
}
