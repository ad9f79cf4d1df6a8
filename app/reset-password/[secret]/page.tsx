import { getDb } from "../../_server/db";
import { uiLocale } from "../../_server/locale";
import { LINK_UNUSABLE, passwordLinkAccount } from "../../_server/password-tokens";
import { SetPasswordForm } from "../set-password-form";

export const dynamic = "force-dynamic";

/** A one-time link to set a password (reset by an admin or instructor, "forgot password", roster import). */
export default async function ResetPasswordPage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const locale = await uiLocale(null);
  const account = await passwordLinkAccount(await getDb(), secret);
  return (
    <section className="card narrow">
      <h1>{locale === "ja" ? "パスワードの設定" : "Set your password"}</h1>
      {account ? (
        <>
          <p>{locale === "ja" ? `アカウント: ${account.email}` : `Account: ${account.email}`}</p>
          <SetPasswordForm secret={secret} locale={locale} />
        </>
      ) : (
        <p className="alert" role="alert">
          {LINK_UNUSABLE.text[locale]}
        </p>
      )}
    </section>
  );
}
