import { redirect } from "next/navigation";
import { uiLocale } from "../_server/locale";
import { currentUser } from "../_server/session";
import { SIGN_UP_CLOSED, signUpMode } from "../_server/signup-policy";
import { SignUpForm } from "./sign-up-form";

export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await currentUser()) redirect("/");
  const locale = await uiLocale(null);
  const mode = signUpMode();
  const code = (await searchParams).code;
  return (
    <section className="card narrow">
      <h1>{locale === "ja" ? "新規登録" : "Create an account"}</h1>
      {mode === "closed" ? (
        <p className="alert" role="alert">
          {SIGN_UP_CLOSED.text[locale]}
        </p>
      ) : (
        <SignUpForm locale={locale} needsCode={mode === "invite"} code={typeof code === "string" ? code.slice(0, 40) : ""} />
      )}
    </section>
  );
}
