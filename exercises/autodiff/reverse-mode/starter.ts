export class Var {
  /** ∂output/∂this, to be filled in by the backward sweep. */
  adjoint = 0;

  constructor(public value: number) {}

  // TODO: each method returns a new Var holding the result, and remembers its inputs with the local derivatives,
  // so that grad() can sweep the recorded operations backwards. A plain number b is a constant.
  add(b: Var | number): Var {
    void b;
    return new Var(0);
  }

  sub(b: Var | number): Var {
    void b;
    return new Var(0);
  }

  mul(b: Var | number): Var {
    void b;
    return new Var(0);
  }

  div(b: Var | number): Var {
    void b;
    return new Var(0);
  }

  sin(): Var {
    return new Var(0);
  }

  cos(): Var {
    return new Var(0);
  }

  exp(): Var {
    return new Var(0);
  }

  log(): Var {
    return new Var(0);
  }

  pow(n: number): Var {
    void n;
    return new Var(0);
  }
}

export function grad(f: (...xs: Var[]) => Var, xs: number[]): { value: number; grad: number[] } {
  // TODO: call f exactly once on fresh Vars, then propagate adjoints from the output back to the inputs.
  void f;
  return { value: 0, grad: xs.map(() => 0) };
}
