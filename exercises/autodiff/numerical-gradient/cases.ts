import { defineCases, text, type PropertyResult, type Rng } from "../../../graders/content";

/**
 * A hidden function is a straight-line program (a Wengert list): each instruction refers to earlier ones by index,
 * and the last one is the output. Plain data, so it crosses into the sandbox, where the driver turns it into f.
 */
type Instr = (string | number)[];

/**
 * Random program in n inputs, kept tame for inputs in [−1.5, 1.5]: every node's magnitude stays below VMAX and its
 * derivative (summed over the inputs) below DMAX, so that central differences are accurate to about 1e-8.
 */
function randomProgram(rng: Rng, n: number, steps: number): Instr[] {
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
    switch (rng.pick(["add", "sub", "mul", "unary", "log", "div", "pow", "const"])) {
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

/** Host-side reverse sweep over the program: the analytic gradient the learner's differences should approach. */
function analyticGradient(prog: Instr[], x: number[]): number[] {
  const v: number[] = [];
  for (const ins of prog) {
    const op = ins[0];
    const a = v[ins[1] as number]!;
    const b = v[ins[2] as number]!;
    switch (op) {
      case "x": v.push(x[ins[1] as number]!); break;
      case "c": v.push(ins[1] as number); break;
      case "add": v.push(a + b); break;
      case "sub": v.push(a - b); break;
      case "mul": v.push(a * b); break;
      case "div": v.push(a / b); break;
      case "sin": v.push(Math.sin(a)); break;
      case "cos": v.push(Math.cos(a)); break;
      case "exp": v.push(Math.exp(a)); break;
      case "log": v.push(Math.log(a)); break;
      case "pow": v.push(a ** (ins[2] as number)); break;
      default: throw new Error(`unknown op ${String(op)}`);
    }
  }
  const adj = new Array<number>(prog.length).fill(0);
  adj[prog.length - 1] = 1;
  const g = new Array<number>(x.length).fill(0);
  for (let k = prog.length - 1; k >= 0; k--) {
    const ins = prog[k]!;
    const i = ins[1] as number;
    const j = ins[2] as number;
    const d = adj[k]!;
    switch (ins[0]) {
      case "x": g[i]! += d; break;
      case "add": adj[i]! += d; adj[j]! += d; break;
      case "sub": adj[i]! += d; adj[j]! -= d; break;
      case "mul": adj[i]! += d * v[j]!; adj[j]! += d * v[i]!; break;
      case "div": adj[i]! += d / v[j]!; adj[j]! -= (d * v[i]!) / (v[j]! * v[j]!); break;
      case "sin": adj[i]! += d * Math.cos(v[i]!); break;
      case "cos": adj[i]! -= d * Math.sin(v[i]!); break;
      case "exp": adj[i]! += d * v[k]!; break;
      case "log": adj[i]! += d / v[i]!; break;
      case "pow": adj[i]! += d * j * v[i]! ** (j - 1); break;
    }
  }
  return g;
}

/** f as the driver builds it in the sandbox, operation for operation, so its rounding is the same. */
function evaluate(prog: Instr[], xs: readonly number[]): number {
  const v: number[] = [];
  for (const ins of prog) {
    const a = v[ins[1] as number]!;
    const b = v[ins[2] as number]!;
    switch (ins[0]) {
      case "x": v.push(xs[ins[1] as number]!); break;
      case "c": v.push(ins[1] as number); break;
      case "add": v.push(a + b); break;
      case "sub": v.push(a - b); break;
      case "mul": v.push(a * b); break;
      case "div": v.push(a / b); break;
      case "sin": v.push(Math.sin(a)); break;
      case "cos": v.push(Math.cos(a)); break;
      case "exp": v.push(Math.exp(a)); break;
      case "log": v.push(Math.log(a)); break;
      case "pow": v.push(Math.pow(a, ins[2] as number)); break;
      default: throw new Error(`unknown instruction ${String(ins[0])}`);
    }
  }
  return v[v.length - 1]!;
}

/**
 * The step h ≤ 1e−9 whose central differences the output reproduces (to 1e−9 relative), if any. Below 1e−9 the
 * rounding noise ε·|f|/h makes the differences of each step distinct in their third or fourth digit, so a match
 * to nine digits identifies the step.
 */
function tinyStepOf(prog: Instr[], x: readonly number[], got: readonly number[]): number | undefined {
  if (got.length !== x.length || !got.every(Number.isFinite)) return undefined;
  for (let k = 9; k <= 16; k++) {
    const h = 10 ** -k;
    const fd = x.map((xi, i) => {
      const xp = x.slice();
      const xm = x.slice();
      xp[i] = xi + h;
      xm[i] = xi - h;
      return (evaluate(prog, xp) - evaluate(prog, xm)) / (2 * h);
    });
    if (fd.every((v, i) => Math.abs(v - got[i]!) <= 1e-9 * (1e-3 + Math.abs(v)))) return h;
  }
  return undefined;
}

const point = (rng: Rng, n: number): number[] => rng.vector(n, (r) => Math.round(r.uniform(-1.5, 1.5) * 1e6) / 1e6);

const stepHint = text(
  "Use the central difference (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h: a forward difference (f(x + h·eᵢ) − f(x)) / h is off by about h·f''/2. " +
    "Build x + h·eᵢ and x − h·eᵢ on a fresh copy of x for every coordinate, so that no coordinate stays perturbed while you differentiate the next one.",
  "中心差分 (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h を使いましょう。前進差分 (f(x + h·eᵢ) − f(x)) / h では h·f''/2 程度の誤差が残ります。" +
    "また、座標ごとに x のコピーを新しく作って x ± h·eᵢ を組み立て、前の座標のずらしが次の座標の計算に残らないようにしてください。",
);

export default defineCases({
  visible: [
    {
      name: "x0² + 3·x0·x1 at (1, 2)",
      labelJa: "(1, 2) での x0² + 3·x0·x1",
      args: [[["x", 0], ["x", 1], ["mul", 0, 0], ["c", 3], ["mul", 3, 0], ["mul", 4, 1], ["add", 2, 5]], [1, 2]],
      expected: [8, 3],
      hint: stepHint,
    },
    {
      name: "sin(x) at 0.5",
      labelJa: "0.5 での sin(x)",
      args: [[["x", 0], ["sin", 0]], [0.5]],
      expected: [0.8775825618903728],
      hint: stepHint,
    },
    {
      name: "exp(x0)·x1 + log(x1² + 1) at (0, 2) with h = 1e-4",
      labelJa: "h = 1e-4 で (0, 2) での exp(x0)·x1 + log(x1² + 1)",
      args: [[["x", 0], ["x", 1], ["exp", 0], ["mul", 2, 1], ["mul", 1, 1], ["c", 1], ["add", 4, 5], ["log", 6], ["add", 3, 7]], [0, 2], 1e-4],
      expected: [2, 1.8],
      hint: stepHint,
    },
  ],
  hidden: [
    {
      name: "one variable",
      labelJa: "1 変数",
      count: 2,
      generate: (rng) => [randomProgram(rng, 1, 6), point(rng, 1)],
      hint: stepHint,
    },
    {
      name: "several variables with cross terms",
      labelJa: "交差項のある多変数関数",
      count: 3,
      generate: (rng) => {
        const n = rng.int(2, 6);
        return [randomProgram(rng, n, 4 * n), point(rng, n)];
      },
      hint: stepHint,
    },
    {
      name: "coarse step h = 1e-4",
      labelJa: "粗い刻み h = 1e-4",
      count: 2,
      generate: (rng) => {
        const n = rng.int(2, 4);
        return [randomProgram(rng, n, 4 * n), point(rng, n), 1e-4];
      },
      hint: stepHint,
    },
    {
      name: "an input that f ignores",
      labelJa: "f が使わない入力",
      count: 1,
      generate: (rng) => {
        const n = rng.int(2, 4);
        // The program reads inputs 0..n−1 only; the point has one more coordinate, whose partial derivative is 0.
        return [randomProgram(rng, n, 3 * n), point(rng, n + 1)];
      },
      hint: text(
        "f does not depend on one coordinate, so its partial derivative is exactly 0.",
        "f が依存しない座標があるので、その偏微分はちょうど 0 になります。",
      ),
    },
    {
      name: "50 variables",
      labelJa: "50 変数",
      count: 1,
      generate: (rng) => [randomProgram(rng, 50, 120), point(rng, 50)],
      hint: stepHint,
    },
  ],
  driver: (mod, call, args) => {
    // Self-contained: it runs inside the sandbox. Turns the program into f(x) and calls the learner's function.
    const prog = args[0] as (string | number)[][];
    const x = args[1] as number[];
    const h = args[2] as number | undefined;
    const f = (xs: number[]): number => {
      const v: number[] = [];
      for (const ins of prog) {
        const a = v[ins[1] as number] as number;
        const b = v[ins[2] as number] as number;
        switch (ins[0]) {
          case "x": v.push(xs[ins[1] as number] as number); break;
          case "c": v.push(ins[1] as number); break;
          case "add": v.push(a + b); break;
          case "sub": v.push(a - b); break;
          case "mul": v.push(a * b); break;
          case "div": v.push(a / b); break;
          case "sin": v.push(Math.sin(a)); break;
          case "cos": v.push(Math.cos(a)); break;
          case "exp": v.push(Math.exp(a)); break;
          case "log": v.push(Math.log(a)); break;
          case "pow": v.push(Math.pow(a, ins[2] as number)); break;
          default: throw new Error("unknown instruction " + String(ins[0]));
        }
      }
      return v[v.length - 1] as number;
    };
    const fn = mod[call] as (f: (x: number[]) => number, x: number[], h?: number) => unknown;
    return h === undefined ? fn(f, x.slice()) : fn(f, x.slice(), h);
  },
  diagnose: (ctx) => {
    const [prog, x] = ctx.args as [Instr[], number[]];
    const got = ctx.got as number[];
    const exact = analyticGradient(prog, x);
    // Named only when the output is that step's differences and they are off: a tiny step that happens to land
    // within tolerance is no mistake.
    if (got.every((g, i) => Math.abs(g - exact[i]!) <= 1e-5 * Math.abs(exact[i]!) + 1e-7)) return undefined;
    const h = tinyStepOf(prog, x, got);
    if (h === undefined) return undefined;
    return text(
      `Your values are the central differences with step h = ${h.toExponential(0)} (they agree to nine digits): at so small a step the rounding error of f, about ε·|f|/h, swamps the difference. When no h is given, use h ≈ ε^(1/3) ≈ 6e−6 (times the scale of xᵢ).`,
      `あなたの値は刻み h = ${h.toExponential(0)} の中心差分そのものです（9 桁一致）。これほど小さな刻みでは f の丸め誤差 ε·|f|/h が差分を覆い隠します。h が渡されないときは h ≈ ε^(1/3) ≈ 6e−6（xᵢ のスケール倍）を使いましょう。`,
    );
  },
  check: (ctx): PropertyResult[] => {
    const got = ctx.got as number[];
    const exact = analyticGradient(ctx.args[0] as Instr[], ctx.args[1] as number[]);
    // Central differences are accurate to about 1e-8 relative (plus rounding noise ε·|f|/h ≈ 1e-9 absolute) here;
    // 1e-5 relative + 1e-7 absolute leaves room and still catches O(h) errors.
    let worst = 0;
    let at = 0;
    for (let i = 0; i < exact.length; i++) {
      const err = Math.abs(got[i]! - exact[i]!) / (1e-5 * Math.abs(exact[i]!) + 1e-7);
      if (!(err <= worst)) [worst, at] = [err, i];
    }
    const ok = worst <= 1;
    // The message names the index and the error but no values: it is shown for hidden cases too.
    const rel = Math.abs(got[at]! - exact[at]!) / Math.max(Math.abs(exact[at]!), 1e-300);
    return [
      {
        ok,
        message: ok
          ? text("agrees with the analytic gradient", "解析的な勾配と一致しています")
          : text(
              `differs from the analytic gradient at [${at}] (relative error ${rel.toExponential(2)}; central differences reach about 1e-8 here)`,
              `[${at}] で解析的な勾配と食い違っています（相対誤差 ${rel.toExponential(2)}。ここでは中心差分なら 1e-8 程度まで一致します）`,
            ),
        kind: "wrong-value",
      },
    ];
  },
});

export { analyticGradient, randomProgram };
