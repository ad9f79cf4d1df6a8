import Link from "next/link";

export default function NotFound() {
  return (
    <section className="card narrow">
      <h1>Page not found · ページが見つかりません</h1>
      <p>There is no page at this address. Check the link, or start again from the home page.</p>
      <p>このアドレスのページはありません。リンクを確かめるか、トップページからやり直してください。</p>
      <p>
        <Link className="button" href="/">
          Home · トップへ
        </Link>
      </p>
    </section>
  );
}
