import { redirect } from "next/navigation";
import { listUsersAs } from "../../_server/admin";
import { getDb } from "../../_server/db";
import { ErrorCard } from "../../_components/cohorts/error-card";
import { uiLocale } from "../../_server/locale";
import { currentUser } from "../../_server/session";
import { ActionForm } from "../../_components/cohorts/action-form";
import { createResetLinkAction, signOutEverywhereAction } from "./actions";
import { RoleForm } from "./role-form";

export const dynamic = "force-dynamic";

const L = {
  title: { en: "Users", ja: "ユーザー管理" },
  email: { en: "Email", ja: "メールアドレス" },
  name: { en: "Name", ja: "名前" },
  role: { en: "Role", ja: "権限" },
  since: { en: "Joined", ja: "登録日" },
  change: { en: "Change", ja: "変更" },
  resetLink: { en: "Reset link", ja: "再設定リンク" },
  signOutEverywhere: { en: "Sign out everywhere", ja: "全端末でサインアウト" },
  busy: { en: "Working…", ja: "処理中…" },
};

export default async function AdminUsersPage() {
  const me = await currentUser();
  if (!me) redirect("/signin?callbackUrl=/admin/users");
  const locale = await uiLocale(me);
  let users;
  try {
    users = await listUsersAs(await getDb(), me.id);
  } catch (error) {
    return <ErrorCard error={error} locale={locale} />;
  }
  return (
    <section className="card">
      <h1>{L.title[locale]}</h1>
      <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{L.email[locale]}</th>
            <th scope="col">{L.name[locale]}</th>
            <th scope="col">{L.role[locale]}</th>
            <th scope="col">{L.since[locale]}</th>
            <th scope="col">{L.change[locale]}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{u.displayName}</td>
              <td>{u.role.toLowerCase()}</td>
              <td>{u.createdAt.toISOString().slice(0, 10)}</td>
              <td>
                {u.id === me.id ? null : <RoleForm userId={u.id} role={u.role} locale={locale} />}
                {(
                  [
                    [signOutEverywhereAction, L.signOutEverywhere, "sign-out-everywhere-form"],
                    [createResetLinkAction, L.resetLink, "reset-link-form"],
                  ] as const
                ).map(([action, label, testId]) => (
                  <ActionForm
                    key={testId}
                    action={action}
                    locale={locale}
                    layout="inline"
                    testId={testId}
                    submitLabel={label[locale]}
                    busyLabel={L.busy[locale]}
                    fields={[{ name: "userId", label: "userId", type: "hidden", defaultValue: u.id }]}
                  />
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}
