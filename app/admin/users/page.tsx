import { redirect } from "next/navigation";
import { Forbidden } from "../../_components/forbidden";
import { listUsersAs } from "../../_server/admin";
import { getDb } from "../../_server/db";
import { AppError } from "../../_server/errors";
import { uiLocale } from "../../_server/locale";
import { currentUser } from "../../_server/session";
import { RoleForm } from "./role-form";

export const dynamic = "force-dynamic";

const L = {
  title: { en: "Users", ja: "ユーザー管理" },
  email: { en: "Email", ja: "メールアドレス" },
  name: { en: "Name", ja: "名前" },
  role: { en: "Role", ja: "権限" },
  since: { en: "Joined", ja: "登録日" },
  change: { en: "Change", ja: "変更" },
};

export default async function AdminUsersPage() {
  const me = await currentUser();
  if (!me) redirect("/signin?callbackUrl=/admin/users");
  const locale = await uiLocale(me);
  let users;
  try {
    users = await listUsersAs(await getDb(), me.id);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return <Forbidden message={error.text[locale]} />;
  }
  return (
    <section className="card">
      <h1>{L.title[locale]}</h1>
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
              <td>{u.id === me.id ? null : <RoleForm userId={u.id} role={u.role} locale={locale} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
