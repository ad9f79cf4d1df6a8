// expect: call f exactly once
/** Forward mode in disguise: one evaluation of f per input, each carrying the derivative along one direction. */
export class Var {
  constructor(
    public value: number,
    public dot = 0,
  ) {}

  private static lift(b: Var | number): Var {
    return typeof b === "number" ? new Var(b) : b;
  }

  add(b: Var | number): Var {
    const o = Var.lift(b);
    return new Var(this.value + o.value, this.dot + o.dot);
  }

  sub(b: Var | number): Var {
    const o = Var.lift(b);
    return new Var(this.value - o.value, this.dot - o.dot);
  }

  mul(b: Var | number): Var {
    const o = Var.lift(b);
    return new Var(this.value * o.value, this.dot * o.value + this.value * o.dot);
  }

  div(b: Var | number): Var {
    const o = Var.lift(b);
    return new Var(this.value / o.value, (this.dot * o.value - this.value * o.dot) / (o.value * o.value));
  }

  sin(): Var {
    return new Var(Math.sin(this.value), Math.cos(this.value) * this.dot);
  }

  cos(): Var {
    return new Var(Math.cos(this.value), -Math.sin(this.value) * this.dot);
  }

  exp(): Var {
    return new Var(Math.exp(this.value), Math.exp(this.value) * this.dot);
  }

  log(): Var {
    return new Var(Math.log(this.value), this.dot / this.value);
  }

  pow(n: number): Var {
    return new Var(this.value ** n, n === 0 ? 0 : n * this.value ** (n - 1) * this.dot);
  }
}

export function grad(f: (...xs: Var[]) => Var, xs: number[]): { value: number; grad: number[] } {
  const g = xs.map((_, i) => f(...xs.map((x, j) => new Var(x, i === j ? 1 : 0))).dot);
  return { value: f(...xs.map((x) => new Var(x))).value, grad: g };
}
