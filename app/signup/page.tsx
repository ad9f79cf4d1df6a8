import { redirect } from "next/navigation";
import { uiLocale } from "../_server/locale";
import { currentUser } from "../_server/session";
import { SignUpForm } from "./sign-up-form";

export default async function SignUpPage() {
  if (await currentUser()) redirect("/");
  const locale = await uiLocale(null);
  return (
    <section className="card narrow">
      <h1>{locale === "ja" ? "新規登録" : "Create an account"}</h1>
      <SignUpForm locale={locale} />
    </section>
  );
}
