import { redirect } from "next/navigation";
import { uiLocale } from "../_server/locale";
import { currentUser } from "../_server/session";
import { SignInForm } from "./sign-in-form";

/** Only same-site paths may be a destination after sign-in. */
function safeCallback(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") ? v : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
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
