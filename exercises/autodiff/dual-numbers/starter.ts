export class Dual {
  constructor(
    public val: number,
    public dot: number,
  ) {}

  // TODO: every method returns a new Dual: the value part is the usual result, and the dot part follows the rule of
  // differentiation of that operation (sum rule, product rule, quotient rule, chain rule). A plain number b acts as b + 0ε.
  add(b: Dual | number): Dual {
    void b;
    return new Dual(0, 0);
  }

  sub(b: Dual | number): Dual {
    void b;
    return new Dual(0, 0);
  }

  mul(b: Dual | number): Dual {
    void b;
    return new Dual(0, 0);
  }

  div(b: Dual | number): Dual {
    void b;
    return new Dual(0, 0);
  }

  sin(): Dual {
    return new Dual(0, 0);
  }

  cos(): Dual {
    return new Dual(0, 0);
  }

  exp(): Dual {
    return new Dual(0, 0);
  }

  log(): Dual {
    return new Dual(0, 0);
  }

  pow(n: number): Dual {
    void n;
    return new Dual(0, 0);
  }
}

export function derivative(f: (x: Dual) => Dual, x: number): number {
  // TODO: evaluate f on a dual number seeded so that its dot part is dx/dx, and return the derivative part.
  void f;
  void x;
  return 0;
}
