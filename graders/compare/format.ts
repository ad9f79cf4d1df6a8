/**
 * Renders values, paths and shapes for feedback. Inputs may be hostile (copied out of the sandbox), so every
 * renderer bounds its work: it walks at most a fixed number of elements and cuts its output with a visible "…".
 */
export type Path = (number | string)[];

export const MAX_RENDER_CHARS = 200;

/** `[2]`, `[1][3]`, `Ak[0][1]`, `grads.dW[2][0]`; "" for the whole output. */
export function formatPath(path: readonly (number | string)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (Object.is(x, -0)) return "-0";
  return String(x);
}

/** Short scientific form for error magnitudes and tolerances: 3.2e-7. */
export function formatError(x: number): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 0.01 && a < 1000) return String(Number(x.toPrecision(3)));
  return x.toExponential(2).replace(/\.?0+e/, "e").replace("e+", "e");
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** A JSON-like rendering, cut at `max` characters; typed arrays, Maps and other exotic values are named, not walked. */
export function formatValue(value: unknown, max = MAX_RENDER_CHARS): string {
  let budget = max + 1;
  const render = (v: unknown, depth: number): string => {
    if (budget <= 0) return "";
    let s: string;
    if (typeof v === "number") s = formatNumber(v);
    else if (typeof v === "string") s = JSON.stringify(v.length > max ? v.slice(0, max) : v);
    else if (typeof v === "boolean" || v === null || v === undefined || typeof v === "bigint") s = String(v);
    else if (Array.isArray(v)) {
      if (depth > 6) s = "[…]";
      else {
        const parts: string[] = [];
        for (let i = 0; i < v.length && budget > 0; i++) {
          const p = render(v[i], depth + 1);
          parts.push(p);
          budget -= p.length + 2;
        }
        s = `[${parts.join(", ")}${parts.length < v.length ? ", …" : ""}]`;
      }
    } else if (typeof v === "object") {
      const tag = describeType(v);
      if (tag !== "an object") s = `<${tag.replace(/^an? /, "")}>`;
      else if (depth > 6) s = "{…}";
      else {
        const parts: string[] = [];
        const keys = Object.keys(v as object);
        for (let i = 0; i < keys.length && budget > 0; i++) {
          const k = keys[i]!;
          const p = `${k}: ${render((v as Record<string, unknown>)[k], depth + 1)}`;
          parts.push(p);
          budget -= p.length + 2;
        }
        s = `{ ${parts.join(", ")}${parts.length < keys.length ? ", …" : ""} }`;
      }
    } else s = `<${typeof v}>`;
    return s;
  };
  return truncate(render(value, 0), max);
}

/** "a number", "a string", "a Float64Array", "a Map", "an array", "an object", "null", … */
export function describeType(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") {
    if (ArrayBuffer.isView(v)) return `a ${Object.prototype.toString.call(v).slice(8, -1)}`;
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    if (tag === "Object") return "an object";
    return /^[AEIOU]/.test(tag) ? `an ${tag}` : `a ${tag}`;
  }
  if (typeof v === "number") return "a number";
  if (typeof v === "string") return "a string";
  if (typeof v === "boolean") return "a boolean";
  if (typeof v === "function") return "a function";
  return `a ${typeof v}`;
}

export function describeTypeJa(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return "配列";
  if (typeof v === "object") {
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    return tag === "Object" ? "オブジェクト" : tag;
  }
  if (typeof v === "number") return "数値";
  if (typeof v === "string") return "文字列";
  if (typeof v === "boolean") return "真偽値";
  if (typeof v === "function") return "関数";
  return typeof v;
}
