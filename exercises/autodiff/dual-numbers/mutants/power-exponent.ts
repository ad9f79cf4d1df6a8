// expect: power rule
/**
 * A dual number val + dot·ε with ε² = 0. Arithmetic on it is arithmetic on first-order Taylor expansions,
 * so `dot` carries the exact derivative along with the value: f(x + ε) = f(x) + f'(x)·ε.
 */
export class Dual {
  constructor(
    public val: number,
    public dot: number,
  ) {}

  /** A plain number b is the constant b + 0·ε. */
  private static lift(b: Dual | number): Dual {
    return typeof b === "number" ? new Dual(b, 0) : b;
  }

  add(b: Dual | number): Dual {
    const o = Dual.lift(b);
    return new Dual(this.val + o.val, this.dot + o.dot);
  }

  sub(b: Dual | number): Dual {
    const o = Dual.lift(b);
    return new Dual(this.val - o.val, this.dot - o.dot);
  }

  mul(b: Dual | number): Dual {
    const o = Dual.lift(b);
    // (u + u'ε)(v + v'ε) = uv + (u'v + uv')ε, since ε² = 0.
    return new Dual(this.val * o.val, this.dot * o.val + this.val * o.dot);
  }

  div(b: Dual | number): Dual {
    const o = Dual.lift(b);
    const q = this.val / o.val;
    // (u/v)' = (u' − (u/v)·v') / v: the same as (u'v − uv')/v², without squaring v (no early overflow).
    return new Dual(q, (this.dot - q * o.dot) / o.val);
  }

  sin(): Dual {
    return new Dual(Math.sin(this.val), Math.cos(this.val) * this.dot);
  }

  cos(): Dual {
    return new Dual(Math.cos(this.val), -Math.sin(this.val) * this.dot);
  }

  exp(): Dual {
    const e = Math.exp(this.val);
    return new Dual(e, e * this.dot);
  }

  log(): Dual {
    return new Dual(Math.log(this.val), this.dot / this.val);
  }

  pow(n: number): Dual {
    // n·uⁿ⁻¹·u'; n = 0 is the constant 1 (avoids 0·0⁻¹ = NaN at u = 0).
    if (n === 0) return new Dual(1, 0);
    return new Dual(this.val ** n, n * this.val ** n * this.dot);
  }
}

/** Seed the input with dot = 1 (dx/dx) and read the derivative off the output. */
export function derivative(f: (x: Dual) => Dual, x: number): number {
  return f(new Dual(x, 1)).dot;
}
