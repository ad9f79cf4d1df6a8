import { redirect } from "next/navigation";
import { uiLocale } from "../_server/locale";
import { safeCallbackPath } from "../_server/redirects";
import { currentUser } from "../_server/session";
import { SignInForm } from "./sign-in-form";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const user = await currentUser();
  if (user) redirect(callbackUrl);
  const locale = await uiLocale(null);
  return (
    <section className="card narrow">
      <h1>{locale === "ja" ? "サインイン" : "Sign in"}</h1>
      <SignInForm locale={locale} callbackUrl={callbackUrl} />
    </section>
  );
}
