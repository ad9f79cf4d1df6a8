import { defineCases, text, type Rng } from "../../../graders/content";

/**
 * A hidden function is a straight-line program (a Wengert list) over its inputs; the driver turns it into the
 * gradient function ∇f (a reverse sweep) inside the sandbox, and the learner differentiates that gradient.
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

/** f(x) = Σ c_ij x_i x_j + Σ b_i x_i: its Hessian is constant, so central differences are exact up to rounding. */
function quadratic(rng: Rng, n: number): Instr[] {
  const prog: Instr[] = [];
  for (let i = 0; i < n; i++) prog.push(["x", i]);
  let acc = -1;
  const add = (k: number): void => {
    if (acc < 0) acc = k;
    else {
      prog.push(["add", acc, k]);
      acc = prog.length - 1;
    }
  };
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      prog.push(["c", Math.round(rng.normal() * 100) / 100]);
      prog.push(["mul", i, j]);
      prog.push(["mul", prog.length - 2, prog.length - 1]);
      add(prog.length - 1);
    }
    prog.push(["c", Math.round(rng.normal() * 100) / 100]);
    prog.push(["mul", prog.length - 1, i]);
    add(prog.length - 1);
  }
  return prog;
}

const point = (rng: Rng, n: number): number[] => rng.vector(n, (r) => Math.round(r.uniform(-1.5, 1.5) * 1e6) / 1e6);
const direction = (rng: Rng, n: number, scale = 1): number[] => rng.vector(n, (r) => Math.round(r.normal() * 1e4) / 1e4 * scale);

const centralHint = text(
  "Use the central difference (∇f(x + h·v) − ∇f(x − h·v)) / 2h: a forward difference (∇f(x + h·v) − ∇f(x)) / h is off by about (h/2)·∇³f[v, v].",
  "中心差分 (∇f(x + h·v) − ∇f(x − h·v)) / 2h を使いましょう。前進差分 (∇f(x + h·v) − ∇f(x)) / h では (h/2)·∇³f[v, v] 程度の誤差が残ります。",
);

const linearHint = text(
  "H·v is linear in v: doubling v doubles the result. No h is given here, so the step is yours: the perturbation is h·v, and a long v makes it long. Keep h·‖v‖ near ε^(1/3) ≈ 6e-6 (times the size of x), or step along v/‖v‖ and multiply the result back by ‖v‖. (When the caller gives h, perturb by exactly h·v.)",
  "H·v は v について線形です。v を 2 倍すれば結果も 2 倍になります。このケースでは h が渡されないので、刻みは自分で選べます。ずらし幅は h·v なので、v が長いと刻みも長くなります。h·‖v‖ を ε^(1/3) ≈ 6e-6（に x の大きさを掛けたもの）程度に保つか、v/‖v‖ 方向に差分を取って結果に ‖v‖ を掛けましょう（h が渡されたときは、ちょうど h·v だけずらします）。",
);

export default defineCases({
  visible: [
    {
      name: "x0²·x1 at (1, 2) along (1, 0)",
      labelJa: "(1, 2) で (1, 0) 方向の x0²·x1",
      args: [[["x", 0], ["x", 1], ["mul", 0, 0], ["mul", 2, 1]], [1, 2], [1, 0]],
      // H = [[2·x1, 2·x0], [2·x0, 0]] = [[4, 2], [2, 0]]
      expected: [4, 2],
      hint: centralHint,
    },
    {
      name: "sin(x0) + x0·x1 at (0.5, 1) along (1, 1) with h = 1e-3",
      labelJa: "h = 1e-3、(0.5, 1) で (1, 1) 方向の sin(x0) + x0·x1",
      args: [[["x", 0], ["x", 1], ["sin", 0], ["mul", 0, 1], ["add", 2, 3]], [0.5, 1], [1, 1], 1e-3],
      // H = [[−sin x0, 1], [1, 0]]
      expected: [0.520574461395797, 1],
      hint: centralHint,
    },
    {
      name: "exp(x) at 0 along 2",
      labelJa: "0 で 2 方向の exp(x)",
      args: [[["x", 0], ["exp", 0]], [0], [2]],
      expected: [2],
      hint: linearHint,
    },
  ],
  hidden: [
    {
      name: "smooth functions of several variables",
      labelJa: "多変数の滑らかな関数",
      count: 3,
      generate: (rng) => {
        const n = rng.int(2, 6);
        return [randomProgram(rng, n, 4 * n), point(rng, n), direction(rng, n)];
      },
      hint: centralHint,
    },
    {
      name: "explicit step h = 1e-3",
      labelJa: "刻み h = 1e-3 を指定",
      count: 2,
      generate: (rng) => {
        const n = rng.int(1, 4);
        return [randomProgram(rng, n, 5 * n), point(rng, n), direction(rng, n), 1e-3];
      },
      hint: centralHint,
    },
    {
      name: "quadratic function (constant Hessian)",
      labelJa: "2 次関数（ヘッセ行列が定数）",
      count: 1,
      generate: (rng) => {
        const n = rng.int(2, 6);
        return [quadratic(rng, n), point(rng, n), direction(rng, n)];
      },
      hint: centralHint,
    },
    {
      name: "zero direction v = 0",
      labelJa: "ゼロ方向 v = 0",
      count: 1,
      generate: (rng) => {
        const n = rng.int(1, 5);
        return [randomProgram(rng, n, 3 * n), point(rng, n), new Array<number>(n).fill(0)];
      },
      hint: text(
        "When v = 0 the answer is H·0 = 0: return zeros instead of dividing by ‖v‖ = 0.",
        "v = 0 なら答えは H·0 = 0 です。‖v‖ = 0 で割らずにゼロベクトルを返しましょう。",
      ),
    },
    {
      name: "long direction (‖v‖ ≈ 10)",
      labelJa: "長い方向ベクトル（‖v‖ ≈ 10）",
      count: 1,
      generate: (rng) => {
        const n = rng.int(2, 5);
        return [randomProgram(rng, n, 4 * n), point(rng, n), direction(rng, n, 10 / Math.sqrt(n))];
      },
      hint: linearHint,
    },
    {
      name: "30 variables",
      labelJa: "30 変数",
      count: 1,
      generate: (rng) => [randomProgram(rng, 30, 80), point(rng, 30), direction(rng, 30)],
      hint: centralHint,
    },
  ],
  driver: (mod, call, args) => {
    // Self-contained: it runs inside the sandbox. The gradient of the program by one reverse sweep.
    const prog = args[0] as (string | number)[][];
    const x = args[1] as number[];
    const v = args[2] as number[];
    const h = args[3] as number | undefined;
    const n = x.length;
    const grad = (xs: number[]): number[] => {
      const val: number[] = [];
      for (const ins of prog) {
        const a = val[ins[1] as number] as number;
        const b = val[ins[2] as number] as number;
        switch (ins[0]) {
          case "x": val.push(xs[ins[1] as number] as number); break;
          case "c": val.push(ins[1] as number); break;
          case "add": val.push(a + b); break;
          case "sub": val.push(a - b); break;
          case "mul": val.push(a * b); break;
          case "div": val.push(a / b); break;
          case "sin": val.push(Math.sin(a)); break;
          case "cos": val.push(Math.cos(a)); break;
          case "exp": val.push(Math.exp(a)); break;
          case "log": val.push(Math.log(a)); break;
          case "pow": val.push(Math.pow(a, ins[2] as number)); break;
          default: throw new Error("unknown instruction " + String(ins[0]));
        }
      }
      const adj: number[] = val.map(() => 0);
      adj[adj.length - 1] = 1;
      const g: number[] = [];
      for (let i = 0; i < n; i++) g.push(0);
      for (let k = prog.length - 1; k >= 0; k--) {
        const ins = prog[k] as (string | number)[];
        const i = ins[1] as number;
        const j = ins[2] as number;
        const d = adj[k] as number;
        const vi = val[i] as number;
        const vj = val[j] as number;
        switch (ins[0]) {
          case "x": g[i] = (g[i] as number) + d; break;
          case "add": adj[i] = (adj[i] as number) + d; adj[j] = (adj[j] as number) + d; break;
          case "sub": adj[i] = (adj[i] as number) + d; adj[j] = (adj[j] as number) - d; break;
          case "mul": adj[i] = (adj[i] as number) + d * vj; adj[j] = (adj[j] as number) + d * vi; break;
          case "div": adj[i] = (adj[i] as number) + d / vj; adj[j] = (adj[j] as number) - (d * vi) / (vj * vj); break;
          case "sin": adj[i] = (adj[i] as number) + d * Math.cos(vi); break;
          case "cos": adj[i] = (adj[i] as number) - d * Math.sin(vi); break;
          case "exp": adj[i] = (adj[i] as number) + d * (val[k] as number); break;
          case "log": adj[i] = (adj[i] as number) + d / vi; break;
          case "pow": adj[i] = (adj[i] as number) + d * j * Math.pow(vi, j - 1); break;
        }
      }
      return g;
    };
    const hvp = mod[call] as (grad: (x: number[]) => number[], x: number[], v: number[], h?: number) => unknown;
    return h === undefined ? hvp(grad, x.slice(), v.slice()) : hvp(grad, x.slice(), v.slice(), h);
  },
});

export { randomProgram, quadratic };
