/** The page a signed-in user sees where their role is not enough: the error's own text says what to do. */
export function Forbidden({ message }: { message: string }) {
  return (
    <section className="card narrow">
      <h1>403</h1>
      <p className="alert" role="alert">
        {message}
      </p>
    </section>
  );
}
