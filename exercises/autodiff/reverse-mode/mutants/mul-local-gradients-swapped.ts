// expect: its local gradients are swapped
/**
 * Reverse-mode AD on a tape. Every Var records which Vars it was computed from and the local partial derivative
 * with respect to each. Vars are appended to the tape in creation order, which is a topological order, so one sweep
 * of the tape from the end propagates adjoints (∂output/∂node) from the output back to the inputs.
 */
let tape: Var[] = [];

type Parent = [node: Var, localGrad: number];

export class Var {
  /** ∂output/∂this, filled in by the backward sweep. */
  adjoint = 0;

  constructor(
    public value: number,
    private readonly parents: Parent[] = [],
  ) {
    tape.push(this);
  }

  private static lift(b: Var | number): Var {
    return typeof b === "number" ? new Var(b) : b;
  }

  add(b: Var | number): Var {
    const o = Var.lift(b);
    return new Var(this.value + o.value, [[this, 1], [o, 1]]);
  }

  sub(b: Var | number): Var {
    const o = Var.lift(b);
    return new Var(this.value - o.value, [[this, 1], [o, -1]]);
  }

  mul(b: Var | number): Var {
    const o = Var.lift(b);
    return new Var(this.value * o.value, [[this, this.value], [o, o.value]]);
  }

  div(b: Var | number): Var {
    const o = Var.lift(b);
    const q = this.value / o.value;
    return new Var(q, [[this, 1 / o.value], [o, -q / o.value]]);
  }

  sin(): Var {
    return new Var(Math.sin(this.value), [[this, Math.cos(this.value)]]);
  }

  cos(): Var {
    return new Var(Math.cos(this.value), [[this, -Math.sin(this.value)]]);
  }

  exp(): Var {
    const e = Math.exp(this.value);
    return new Var(e, [[this, e]]);
  }

  log(): Var {
    return new Var(Math.log(this.value), [[this, 1 / this.value]]);
  }

  pow(n: number): Var {
    const local = n === 0 ? 0 : n * this.value ** (n - 1);
    return new Var(this.value ** n, [[this, local]]);
  }

  /** Pushes this node's adjoint to its parents. Accumulate: a node used twice gets the sum of both contributions. */
  backward(): void {
    for (const [node, local] of this.parents) node.adjoint += this.adjoint * local;
  }
}

export function grad(f: (...xs: Var[]) => Var, xs: number[]): { value: number; grad: number[] } {
  tape = [];
  const inputs = xs.map((x) => new Var(x));
  const out = f(...inputs); // the one and only forward pass
  out.adjoint = 1;
  for (let i = tape.length - 1; i >= 0; i--) tape[i]!.backward();
  const result = { value: out.value, grad: inputs.map((v) => v.adjoint) };
  tape = []; // let the graph be garbage-collected
  return result;
}
