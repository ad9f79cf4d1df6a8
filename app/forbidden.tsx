import Link from "next/link";

/** The page for a signed-in user whose role does not reach the address (status 403). */
export default function Forbidden() {
  return (
    <section className="card narrow">
      <h1>Not allowed · アクセスできません</h1>
      <p>Your account does not have the role this page needs. If you should have it, ask an administrator or your instructor.</p>
      <p>このページに必要な権限がアカウントにありません。必要な場合は管理者か担当の先生に依頼してください。</p>
      <p>
        <Link className="button" href="/">
          Home · トップへ
        </Link>
      </p>
    </section>
  );
}
