import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

/**
 * A hidden function of one variable is a straight-line program (a Wengert list): each instruction refers to earlier
 * ones by index, the last one is the output. Plain data, so it crosses into the sandbox, where the driver runs it on Duals.
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

const RULES: Record<string, LocalizedText> = {
  add: text("sum rule: (u + v)' = u' + v'", "和の微分：(u + v)' = u' + v'"),
  sub: text("difference rule: (u − v)' = u' − v'", "差の微分：(u − v)' = u' − v'"),
  mul: text("product rule: (uv)' = u'v + uv' — both cross terms", "積の微分：(uv)' = u'v + uv'（交差項を両方とも）"),
  div: text("quotient rule: (u/v)' = (u'v − uv')/v²", "商の微分：(u/v)' = (u'v − uv')/v²"),
  sin: text("chain rule: sin(u)' = cos(u)·u'", "連鎖律：sin(u)' = cos(u)·u'"),
  cos: text("chain rule: cos(u)' = −sin(u)·u' (note the minus sign)", "連鎖律：cos(u)' = −sin(u)·u'（マイナス符号に注意）"),
  exp: text("chain rule: exp(u)' = exp(u)·u'", "連鎖律：exp(u)' = exp(u)·u'"),
  log: text("chain rule: log(u)' = u'/u", "連鎖律：log(u)' = u'/u"),
  pow: text("power rule: (uⁿ)' = n·uⁿ⁻¹·u'", "べき乗の微分：(uⁿ)' = n·uⁿ⁻¹·u'"),
};

const ruleList = (ops: string[]): LocalizedText =>
  text(
    `Check the dot part against the rules: ${ops.map((o) => RULES[o]!.en).join("; ")}. A plain number b acts as the dual b + 0ε.`,
    `dot 部分を微分の規則と照らし合わせましょう：${ops.map((o) => RULES[o]!.ja).join("、")}。ふつうの数 b は双対数 b + 0ε として扱います。`,
  );

const compositeHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx = 1), and make every method follow its rule: product rule (uv)' = u'v + uv', quotient rule, chain rule for sin, cos, exp, log and powers. A plain number b acts as the dual b + 0ε.",
  "入力は new Dual(x, 1)（dx/dx = 1）として与え、各メソッドがそれぞれの規則に従っているか確かめましょう。積の微分 (uv)' = u'v + uv'、商の微分、sin・cos・exp・log・べき乗の連鎖律です。ふつうの数 b は双対数 b + 0ε として扱います。",
);

const dual = (rng: Rng, lo = -2, hi = 2): number[] => [Math.round(rng.uniform(lo, hi) * 1e4) / 1e4, Math.round(rng.normal() * 1e4) / 1e4];

/** A method call: [op, a as [val, dot], operand as [val, dot] or a plain number (or the exponent of pow)]. */
function methodCase(rng: Rng, op: string): unknown[] {
  switch (op) {
    case "log":
      return [op, dual(rng, 0.2, 5), 0];
    case "pow": {
      const n = rng.pick([2, 3, -1, 0.5, -2.5]);
      return [op, Number.isInteger(n) ? dual(rng, 0.3, 2) : dual(rng, 0.2, 4), n];
    }
    case "div":
      return [op, dual(rng), rng.next() < 0.7 ? dual(rng, 0.5, 3) : Math.round(rng.uniform(0.5, 3) * 100) / 100];
    case "add":
    case "sub":
    case "mul":
      return [op, dual(rng), rng.next() < 0.7 ? dual(rng) : Math.round(rng.uniform(-3, 3) * 100) / 100];
    default:
      return [op, dual(rng, -3, 3), 0];
  }
}

const methodClass = (name: string, labelJa: string, ops: string[]) => ({
  name,
  labelJa,
  call: "method",
  count: ops.length,
  generate: (rng: Rng, i: number) => methodCase(rng, ops[i % ops.length]!),
  hint: ruleList(ops),
});


export default defineCases({
  visible: [
    {
      name: "x·sin(x) at x = 1",
      labelJa: "x = 1 での x·sin(x)",
      call: "derivative",
      args: [[["x", 0], ["sin", 0], ["mul", 0, 1]], 1],
      // sin 1, and sin 1 + cos 1
      expected: { value: 0.8414709848078965, dot: 1.3817732906760363, derivative: 1.3817732906760363, calls: 1 },
      hint: compositeHint,
    },
    {
      name: "exp(x)/x at x = 2",
      labelJa: "x = 2 での exp(x)/x",
      call: "derivative",
      args: [[["x", 0], ["exp", 0], ["div", 1, 0]], 2],
      // e²/2, and e²(x − 1)/x² = e²/4
      expected: { value: 3.694528049465325, dot: 1.8472640247326626, derivative: 1.8472640247326626, calls: 1 },
      hint: compositeHint,
    },
    {
      name: "x³ − 2x at x = 1.5",
      labelJa: "x = 1.5 での x³ − 2x",
      call: "derivative",
      args: [[["x", 0], ["pow", 0, 3], ["c", 2], ["mul", 2, 0], ["sub", 1, 3]], 1.5],
      expected: { value: 0.375, dot: 4.75, derivative: 4.75, calls: 1 },
      hint: compositeHint,
    },
    {
      name: "Dual(3, 1).mul(Dual(2, 5))",
      labelJa: "Dual(3, 1).mul(Dual(2, 5))",
      call: "method",
      args: ["mul", [3, 1], [2, 5]],
      expected: [6, 17],
      hint: text(RULES.mul!.en, RULES.mul!.ja),
    },
    {
      name: "Dual(0.5, 1).log()",
      labelJa: "Dual(0.5, 1).log()",
      call: "method",
      args: ["log", [0.5, 1], 0],
      expected: [-0.6931471805599453, 2],
      hint: text(RULES.log!.en, RULES.log!.ja),
    },
  ],
  hidden: [
    methodClass("sum and difference rules", "和と差の微分", ["add", "sub"]),
    methodClass("product rule", "積の微分", ["mul", "mul"]),
    methodClass("quotient rule", "商の微分", ["div", "div"]),
    methodClass("chain rule for sin, cos, exp, log", "sin・cos・exp・log の連鎖律", ["sin", "cos", "exp", "log"]),
    methodClass("power rule", "べき乗の微分", ["pow", "pow"]),
    {
      name: "polynomials",
      labelJa: "多項式",
      call: "derivative",
      count: 2,
      generate: (rng) => [randomProgram(rng, 1, 8, ["add", "sub", "mul", "const", "const-left"]), Math.round(rng.uniform(-1.5, 1.5) * 1e4) / 1e4],
      hint: compositeHint,
    },
    {
      name: "composite functions",
      labelJa: "合成関数",
      call: "derivative",
      count: 3,
      generate: (rng) => [randomProgram(rng, 1, 12), Math.round(rng.uniform(-1.5, 1.5) * 1e4) / 1e4],
      hint: compositeHint,
    },
    {
      name: "deep compositions",
      labelJa: "深い合成",
      call: "derivative",
      count: 1,
      generate: (rng) => [randomProgram(rng, 1, 60), Math.round(rng.uniform(-1.5, 1.5) * 1e4) / 1e4],
      hint: compositeHint,
    },
  ],
  driver: (mod, call, args) => {
    // Self-contained: it runs inside the sandbox with the learner's module.
    interface D {
      val: number;
      dot: number;
      add(b: D | number): D;
      sub(b: D | number): D;
      mul(b: D | number): D;
      div(b: D | number): D;
      sin(): D;
      cos(): D;
      exp(): D;
      log(): D;
      pow(n: number): D;
    }
    const Dual = mod.Dual as new (val: number, dot: number) => D;
    if (call === "method") {
      const op = args[0] as string;
      const a = args[1] as number[];
      const b = args[2] as number[] | number;
      const u = new Dual(a[0] as number, a[1] as number);
      const v = Array.isArray(b) ? new Dual(b[0] as number, b[1] as number) : b;
      let r: D;
      if (op === "add") r = u.add(v);
      else if (op === "sub") r = u.sub(v);
      else if (op === "mul") r = u.mul(v);
      else if (op === "div") r = u.div(v);
      else if (op === "pow") r = u.pow(b as number);
      else if (op === "sin") r = u.sin();
      else if (op === "cos") r = u.cos();
      else if (op === "exp") r = u.exp();
      else if (op === "log") r = u.log();
      else throw new Error("unknown method " + op);
      return [r.val, r.dot];
    }
    const prog = args[0] as (string | number)[][];
    const x0 = args[1] as number;
    const f = (x: D): D => {
      const v: (D | number)[] = [];
      for (const ins of prog) {
        const op = ins[0] as string;
        const a = v[ins[1] as number] as D | number;
        const b = v[ins[2] as number] as D | number;
        if (op === "x") v.push(x);
        else if (op === "c") v.push(ins[1] as number);
        else if (op === "pow") v.push(typeof a === "number" ? Math.pow(a, ins[2] as number) : a.pow(ins[2] as number));
        else if (op === "sin" || op === "cos" || op === "exp" || op === "log") v.push(typeof a === "number" ? Math[op](a) : a[op]());
        else if (typeof a === "number" && typeof b === "number") {
          v.push(op === "add" ? a + b : op === "sub" ? a - b : op === "mul" ? a * b : a / b);
        } else if (typeof a !== "number") {
          v.push(op === "add" ? a.add(b) : op === "sub" ? a.sub(b) : op === "mul" ? a.mul(b) : a.div(b));
        } else {
          // A plain number on the left: the commutative ops reuse the dual's method, the others lift the number.
          const bd = b as D;
          v.push(op === "add" ? bd.add(a) : op === "mul" ? bd.mul(a) : op === "sub" ? new Dual(a, 0).sub(bd) : new Dual(a, 0).div(bd));
        }
      }
      const out = v[v.length - 1] as D | number;
      return typeof out === "number" ? new Dual(out, 0) : out;
    };
    const out = f(new Dual(x0, 1));
    const derivative = mod.derivative as (f: (x: D) => D, x: number) => number;
    // Counted: forward mode needs one evaluation of f; a finite difference needs two (f at x ± h).
    let calls = 0;
    const d = derivative((x: D) => {
      calls++;
      return f(x);
    }, x0);
    return { value: out.val, dot: out.dot, derivative: d, calls };
  },
  diagnose: (ctx) => {
    const calls = (ctx.got as { calls?: unknown }).calls;
    if (ctx.call === "derivative" && typeof calls === "number" && calls !== 1) {
      return text(
        `derivative called f ${calls} times. Forward mode evaluates f once, on Dual(x, 1), and reads f'(x) off the dot part; evaluating f at x ± h is a finite difference of your own f, which is refused here: call f exactly once.`,
        `derivative が f を ${calls} 回呼び出しました。前進モードでは f を Dual(x, 1) で 1 回だけ評価し、dot 部分から f'(x) を読み取ります。x ± h で f を評価するのは自分の f の差分近似で、この課題では認められません。f はちょうど 1 回だけ呼んでください。`,
      );
    }
    if (ctx.call !== "method") return undefined;
    const op = ctx.args[0] as string;
    const got = ctx.got as number[];
    const expected = ctx.expected as number[];
    const rule = RULES[op];
    if (!rule) return undefined;
    const part = Math.abs(got[0]! - expected[0]!) > 1e-9 * (1 + Math.abs(expected[0]!)) ? "value" : "dot";
    return part === "value"
      ? text(`The value part of ${op} is wrong: it should be the ordinary result.`, `${op} の value 部分が違います。ふつうの計算結果になるはずです。`)
      : text(`The dot part of ${op} is wrong; ${rule.en}.`, `${op} の dot 部分が違います。${rule.ja}。`);
  },
});

export { randomProgram };
