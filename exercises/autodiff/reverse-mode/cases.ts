import { defineCases, text, type Rng } from "../../../graders/content";

/**
 * A hidden function is a straight-line program (a Wengert list): each instruction refers to earlier ones by index,
 * the last one is the output. Reusing an index is fan-out: the driver evaluates each instruction once and hands the
 * same Var to every consumer, so a node used twice must collect both contributions to its gradient.
 */
type Instr = (string | number)[];

const ALL_OPS = ["add", "sub", "mul", "unary", "log", "div", "pow", "const", "const-left"] as const;

/**
 * Random program in n inputs, kept tame for inputs in [−1.5, 1.5]: every node's magnitude stays below VMAX and its
 * derivative (summed over the inputs) below DMAX, so that central differences are accurate to about 1e-8.
 */
function randomProgram(rng: Rng, n: number, steps: number, ops: readonly string[] = ALL_OPS): Instr[] {
  const VMAX = 20;
  const DMAX = 40;
  const prog: Instr[] = [];
  const val: number[] = []; // bound on |node|
  const der: number[] = []; // bound on Σⱼ |∂node/∂xⱼ|
  const used = new Set<number>();
  const push = (ins: Instr, v: number, d: number): number => {
    prog.push(ins);
    val.push(v);
    der.push(d);
    if (ins[0] !== "x" && ins[0] !== "c") {
      for (const a of ins.slice(1, ins[0] === "pow" ? 2 : 3)) used.add(a as number);
    }
    return prog.length - 1;
  };
  const ok = (v: number, d: number): boolean => v <= VMAX && d <= DMAX;
  for (let i = 0; i < n; i++) push(["x", i], 1.5, 1);
  // a² + c with c ∈ [0.5, 2]: a safe argument for log, a denominator and a fractional power (always ≥ 0.5).
  const positive = (a: number, c: number): number => {
    const sq = push(["mul", a, a], val[a]! ** 2, 2 * val[a]! * der[a]!);
    const k = push(["c", c], c, 0);
    return push(["add", sq, k], val[a]! ** 2 + c, 2 * val[a]! * der[a]!);
  };
  for (let s = 0; s < steps; s++) {
    const a = rng.int(0, prog.length - 1);
    const b = rng.int(0, prog.length - 1);
    const [va, da, vb, db] = [val[a]!, der[a]!, val[b]!, der[b]!];
    const c = Math.round(rng.uniform(0.5, 2) * 100) / 100;
    const vp = va * va + c; // bounds of positive(a)
    const dp = 2 * va * da;
    switch (rng.pick(ops)) {
      case "add":
      case "sub":
        if (ok(va + vb, da + db)) push([rng.pick(["add", "sub"]), a, b], va + vb, da + db);
        break;
      case "mul":
        if (ok(va * vb, da * vb + va * db)) push(["mul", a, b], va * vb, da * vb + va * db);
        break;
      case "unary": {
        const op = rng.pick(["sin", "cos", "exp"]);
        if (op !== "exp") push([op, a], 1, da);
        else if (ok(Math.exp(va), Math.exp(va) * da)) push([op, a], Math.exp(va), Math.exp(va) * da);
        break;
      }
      case "log":
        if (ok(vp, dp / 0.5)) push(["log", positive(a, c)], Math.max(Math.log(vp), 0.7), dp / 0.5);
        break;
      case "div": {
        const vq = vb * vb + c;
        const dq = 2 * vb * db;
        if (ok(vq, dq) && ok(vb / 0.5, db / 0.5 + (va * dq) / 0.25)) push(["div", a, positive(b, c)], va / 0.5, db / 0.5 + (va * dq) / 0.25);
        break;
      }
      case "pow": {
        const p = rng.pick([2, 3, -1, 0.5, 1.5, -0.5]);
        if ((p === 2 || p === 3) && ok(va ** p, p * va ** (p - 1) * da)) push(["pow", a, p], va ** p, p * va ** (p - 1) * da);
        else {
          const vr = p > 0 ? vp ** p : 0.5 ** p;
          const dr = Math.abs(p) * Math.max(vp ** (p - 1), 0.5 ** (p - 1)) * dp;
          if (ok(vp, dp) && ok(vr, dr)) push(["pow", positive(a, c), p], vr, dr);
        }
        break;
      }
      case "const-left": {
        // A plain number on the left: c − a, or c / (a² + c').
        const k = Math.round(rng.uniform(-3, 3) * 100) / 100;
        if (rng.next() < 0.5) {
          if (ok(Math.abs(k) + va, da)) push(["sub", push(["c", k], Math.abs(k), 0), a], Math.abs(k) + va, da);
        } else if (ok(vp, dp) && ok(Math.abs(k) / 0.5, (Math.abs(k) * dp) / 0.25)) {
          push(["div", push(["c", k], Math.abs(k), 0), positive(a, c)], Math.abs(k) / 0.5, (Math.abs(k) * dp) / 0.25);
        }
        break;
      }
      case "const": {
        const k = Math.round(rng.uniform(-3, 3) * 100) / 100;
        if (ok(Math.abs(k) * va, Math.abs(k) * da)) push(["mul", push(["c", k], Math.abs(k), 0), a], Math.abs(k) * va, Math.abs(k) * da);
        break;
      }
    }
  }
  // Sum every node nobody uses, so that the output depends on all of them (and on every input).
  let out = -1;
  const size = prog.length;
  for (let i = 0; i < size; i++) {
    if (used.has(i) || prog[i]![0] === "c") continue;
    out = out < 0 ? i : push(["add", out, i], 0, 0);
  }
  if (out !== prog.length - 1) push(["add", out, push(["c", 0], 0, 0)], 0, 0);
  return prog;
}

const point = (rng: Rng, n: number): number[] => rng.vector(n, (r) => Math.round(r.uniform(-1.5, 1.5) * 1e6) / 1e6);

const accumulateHint = text(
  "A node used more than once (x·x, or x in several branches) must receive the sum of the gradients from every use: accumulate with +=, never overwrite. Sweep the tape from the output back to the inputs.",
  "複数回使われるノード（x·x や、いくつもの枝で使われる x）には、すべての使用箇所からの勾配の和が入ります。= で上書きせず += で足し込み、テープを出力側から入力側へ逆順にたどりましょう。",
);

/** x0 fanned out into many branches that are summed again: only accumulation gets this right. */
function fanOut(rng: Rng): Instr[] {
  const prog: Instr[] = [["x", 0], ["x", 1]];
  const branches: number[] = [];
  const k = rng.int(3, 8);
  for (let i = 0; i < k; i++) {
    const op = rng.pick(["sin", "cos", "exp"]);
    prog.push([op, 0]);
    prog.push(["mul", prog.length - 1, rng.int(0, 1)]);
    branches.push(prog.length - 1);
  }
  let acc = branches[0]!;
  for (const b of branches.slice(1)) {
    prog.push(["add", acc, b]);
    acc = prog.length - 1;
  }
  return prog;
}

/** A long chain u ← sin(u)·c + x, so that a recursive backward pass goes deep. */
function longChain(rng: Rng, length: number): Instr[] {
  const prog: Instr[] = [["x", 0], ["c", Math.round(rng.uniform(0.5, 0.9) * 100) / 100]];
  let u = 0;
  for (let i = 0; i < length; i++) {
    prog.push(["sin", u]);
    prog.push(["mul", prog.length - 1, 1]);
    prog.push(["add", prog.length - 1, 0]);
    u = prog.length - 1;
  }
  return prog;
}

/**
 * A host-side tape whose mul records each operand's own value as its local gradient (∂(ab)/∂a taken as a instead
 * of b): run through the same driver as the learner's module, it gives exactly what that mistake outputs.
 */
function swappedMulModule(): Record<string, unknown> {
  let tape: Node[] = [];
  class Node {
    adjoint = 0;
    constructor(
      public value: number,
      readonly parents: [Node, number][] = [],
    ) {
      tape.push(this);
    }
    static lift(b: Node | number): Node {
      return typeof b === "number" ? new Node(b) : b;
    }
    add(b: Node | number): Node { const o = Node.lift(b); return new Node(this.value + o.value, [[this, 1], [o, 1]]); }
    sub(b: Node | number): Node { const o = Node.lift(b); return new Node(this.value - o.value, [[this, 1], [o, -1]]); }
    mul(b: Node | number): Node { const o = Node.lift(b); return new Node(this.value * o.value, [[this, this.value], [o, o.value]]); }
    div(b: Node | number): Node { const o = Node.lift(b); const q = this.value / o.value; return new Node(q, [[this, 1 / o.value], [o, -q / o.value]]); }
    sin(): Node { return new Node(Math.sin(this.value), [[this, Math.cos(this.value)]]); }
    cos(): Node { return new Node(Math.cos(this.value), [[this, -Math.sin(this.value)]]); }
    exp(): Node { const e = Math.exp(this.value); return new Node(e, [[this, e]]); }
    log(): Node { return new Node(Math.log(this.value), [[this, 1 / this.value]]); }
    pow(n: number): Node { return new Node(this.value ** n, [[this, n === 0 ? 0 : n * this.value ** (n - 1)]]); }
  }
  const grad = (f: (...xs: Node[]) => Node, xs: number[]) => {
    tape = [];
    const inputs = xs.map((x) => new Node(x));
    const out = f(...inputs);
    out.adjoint = 1;
    for (let i = tape.length - 1; i >= 0; i--) for (const [n, local] of tape[i]!.parents) n.adjoint += tape[i]!.adjoint * local;
    return { value: out.value, grad: inputs.map((v) => v.adjoint) };
  };
  return { Var: Node, grad };
}

/** Runs the learner's module on one program (see `driver` in graders/content); also replays the swapped-mul tape. */
const reverseModeDriver: NonNullable<Parameters<typeof defineCases>[0]["driver"]> = (mod, call, args) => {
  // Self-contained: it runs inside the sandbox. Builds f from the program with the learner's Var methods and counts
  // how often grad() calls it. Constants stay plain numbers; a number on the left is rewritten so that the
  // learner's constructor (whose signature is theirs to choose) is never called.
  interface V {
    value: number;
    add(b: V | number): V;
    sub(b: V | number): V;
    mul(b: V | number): V;
    div(b: V | number): V;
    sin(): V;
    cos(): V;
    exp(): V;
    log(): V;
    pow(n: number): V;
  }
  const prog = args[0] as (string | number)[][];
  const xs = args[1] as number[];
  let calls = 0;
  const f = (...inputs: V[]): V => {
    calls++;
    const v: (V | number)[] = [];
    for (const ins of prog) {
      const op = ins[0] as string;
      const a = v[ins[1] as number] as V | number;
      const b = v[ins[2] as number] as V | number;
      if (op === "x") v.push(inputs[ins[1] as number] as V);
      else if (op === "c") v.push(ins[1] as number);
      else if (op === "pow") v.push(typeof a === "number" ? Math.pow(a, ins[2] as number) : a.pow(ins[2] as number));
      else if (op === "sin" || op === "cos" || op === "exp" || op === "log") v.push(typeof a === "number" ? Math[op](a) : a[op]());
      else if (typeof a === "number" && typeof b === "number") {
        v.push(op === "add" ? a + b : op === "sub" ? a - b : op === "mul" ? a * b : a / b);
      } else if (typeof a !== "number") {
        v.push(op === "add" ? a.add(b) : op === "sub" ? a.sub(b) : op === "mul" ? a.mul(b) : a.div(b));
      } else {
        const bv = b as V;
        v.push(op === "add" ? bv.add(a) : op === "mul" ? bv.mul(a) : op === "sub" ? bv.mul(-1).add(a) : bv.pow(-1).mul(a));
      }
    }
    return v[v.length - 1] as V;
  };
  void call; // one entry point: grad
  const grad = mod.grad as (f: (...xs: V[]) => V, xs: number[]) => { value: number; grad: number[] };
  const r = grad(f, xs.slice());
  return { value: r.value, grad: r.grad, calls };
};

export default defineCases({
  visible: [
    {
      name: "x·y + sin(x) at (2, 3)",
      labelJa: "(2, 3) での x·y + sin(x)",
      args: [[["x", 0], ["x", 1], ["mul", 0, 1], ["sin", 0], ["add", 2, 3]], [2, 3]],
      // 6 + sin 2; (y + cos x, x)
      expected: { value: 6.909297426825682, grad: [2.5838531634528574, 2], calls: 1 },
      hint: accumulateHint,
    },
    {
      name: "x·x·x at 1.5 (x used three times)",
      labelJa: "1.5 での x·x·x（x を 3 回使用）",
      args: [[["x", 0], ["mul", 0, 0], ["mul", 1, 0]], [1.5]],
      expected: { value: 3.375, grad: [6.75], calls: 1 },
      hint: accumulateHint,
    },
    {
      name: "log(x·y) + z² at (1, 2, 3)",
      labelJa: "(1, 2, 3) での log(x·y) + z²",
      args: [[["x", 0], ["x", 1], ["x", 2], ["mul", 0, 1], ["log", 3], ["pow", 2, 2], ["add", 4, 5]], [1, 2, 3]],
      expected: { value: 9.693147180559945, grad: [1, 0.5, 6], calls: 1 },
      hint: accumulateHint,
    },
  ],
  hidden: [
    {
      name: "one input",
      labelJa: "1 入力",
      count: 2,
      generate: (rng) => [randomProgram(rng, 1, 10), point(rng, 1)],
      hint: accumulateHint,
    },
    {
      name: "reuse: x·x and shared subexpressions",
      labelJa: "再利用：x·x や共有された部分式",
      count: 2,
      generate: (rng) => {
        const n = rng.int(2, 5);
        return [randomProgram(rng, n, 6 * n), point(rng, n)];
      },
      hint: accumulateHint,
    },
    {
      name: "fan-out: one input in many branches",
      labelJa: "ファンアウト：多くの枝で使われる入力",
      count: 1,
      generate: (rng) => [fanOut(rng), point(rng, 2)],
      hint: accumulateHint,
    },
    {
      name: "constants on either side",
      labelJa: "左右どちらかにある定数",
      count: 1,
      generate: (rng) => [randomProgram(rng, 2, 12, ["const", "const-left", "mul", "add", "unary"]), point(rng, 2)],
      hint: text(
        "A plain number is a constant: its gradient is not needed, and c − u or c / u reach you as u.mul(−1).add(c) or u.pow(−1).mul(c).",
        "ふつうの数は定数で、勾配は不要です。c − u や c / u は u.mul(−1).add(c) や u.pow(−1).mul(c) の形で渡されます。",
      ),
    },
    {
      name: "50 inputs",
      labelJa: "50 入力",
      count: 1,
      generate: (rng) => [randomProgram(rng, 50, 150), point(rng, 50)],
      hint: accumulateHint,
    },
    {
      name: "long chain of 400 operations",
      labelJa: "400 個の演算が連なる長い鎖",
      count: 1,
      generate: (rng) => [longChain(rng, 400), point(rng, 1)],
      hint: accumulateHint,
    },
  ],
  driver: reverseModeDriver,
  diagnose: (ctx) => {
    const calls = (ctx.got as { calls?: unknown }).calls;
    if (typeof calls === "number" && calls !== 1) {
      return text(
        `grad called f ${calls} times. Reverse mode records one forward pass on a tape and sweeps it backwards once: call f exactly once, whatever the number of inputs.`,
        `grad が f を ${calls} 回呼び出しました。後退モードでは順方向の計算を 1 回だけテープに記録し、それを逆向きに 1 回たどります。入力がいくつあっても f はちょうど 1 回だけ呼んでください。`,
      );
    }
    // Named only when the whole gradient is exactly what swapped local gradients of mul give, and that is wrong.
    const got = (ctx.got as { grad?: unknown }).grad;
    const expected = (ctx.expected as { grad: number[] }).grad;
    if (Array.isArray(got) && got.length === expected.length) {
      const swapped = (reverseModeDriver(swappedMulModule(), "grad", structuredClone(ctx.args)) as { grad: number[] }).grad;
      const close = (a: readonly unknown[], b: readonly number[]) => a.every((v, i) => typeof v === "number" && Math.abs(v - b[i]!) <= 1e-9 * (1 + Math.abs(b[i]!)));
      if (close(got, swapped) && !close(expected, swapped)) {
        return text(
          "Your gradient is what mul gives when its local gradients are swapped: for c = a·b, ∂c/∂a = b and ∂c/∂b = a, so a receives adjoint·b and b receives adjoint·a (each operand gets the other's value).",
          "勾配は、mul の局所勾配を入れ替えたときの値になっています。c = a·b では ∂c/∂a = b、∂c/∂b = a なので、a には adjoint·b、b には adjoint·a が渡ります（それぞれ相手の値です）。",
        );
      }
    }
    return undefined;
  },
});

export { randomProgram };
