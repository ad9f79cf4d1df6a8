import type { LocalizedText } from "../text";
import { describeType, describeTypeJa, formatPath, formatValue, type Path } from "./format";

/**
 * The structural check that runs before any number is compared: the learner's output (untrusted data copied out of
 * the sandbox) must have the structure of the reference output (trusted). The walk follows the expected value, so a
 * hostile output (huge, deeply nested, exotic) costs at most the size of the expected one.
 *
 * Decision on typed arrays: where the reference returns number[], a Float64Array (or any typed array) is refused
 * with a message telling how to convert it. The signature says number[]; accepting look-alikes would let
 * `result.map(...)` behave differently in the learner's next exercise and hide a real type error.
 */
export interface StructureIssue {
  kind: "type" | "shape";
  path: Path;
  message: LocalizedText;
  expectedShape?: string;
  gotShape?: string;
}

/** Dimensions of a rectangular array of numbers ([] for a number); undefined for anything else. */
export function ndShape(v: unknown): number[] | undefined {
  if (typeof v === "number") return [];
  if (!Array.isArray(v)) return undefined;
  if (v.length === 0) return [0];
  const inner = ndShape(v[0]);
  if (!inner) return undefined;
  for (let i = 1; i < v.length; i++) {
    const s = ndShape(v[i]);
    if (!s || s.length !== inner.length || s.some((d, k) => d !== inner[k])) return undefined;
  }
  return [v.length, ...inner];
}

/** "length 3" for a vector, "3×4" for a matrix, "2×3×4" beyond. */
export function shapeText(dims: readonly number[]): string {
  if (dims.length === 0) return "a number";
  if (dims.length === 1) return `length ${dims[0]}`;
  return dims.join("×");
}

function shapeTextJa(dims: readonly number[]): string {
  if (dims.length === 0) return "数値";
  if (dims.length === 1) return `長さ ${dims[0]}`;
  return dims.join("×");
}

function arrayTypeName(depth: number): string {
  return `number${"[]".repeat(depth)}`;
}

/** Follows the first-element chain of an untrusted value, at most `limit` levels deep. */
function probeDims(v: unknown, limit: number): number[] {
  const dims: number[] = [];
  let cur = v;
  while (Array.isArray(cur) && dims.length < limit) {
    dims.push(cur.length);
    cur = cur[0];
  }
  return dims;
}

function where(path: Path): { en: string; ja: string } {
  const p = formatPath(path);
  return p === "" ? { en: "", ja: "" } : { en: `in ${p}: `, ja: `${p} で: ` };
}

function typedArrayIssue(path: Path, got: object, depth: number): StructureIssue {
  const name = describeType(got).replace(/^an? /, "");
  const w = where(path);
  return {
    kind: "type",
    path,
    message: {
      en: `${w.en}returned a ${name}; the signature says ${arrayTypeName(depth)}: return Array.from(…) instead.`,
      ja: `${w.ja}${name} が返されましたが、シグネチャは ${arrayTypeName(depth)} です。Array.from(…) で通常の配列に変換して返してください。`,
    },
  };
}

function typeIssue(path: Path, expectedEn: string, expectedJa: string, got: unknown): StructureIssue {
  const w = where(path);
  const shown = typeof got === "string" || typeof got === "boolean" ? ` (${formatValue(got, 40)})` : "";
  return {
    kind: "type",
    path,
    message: {
      en: `${w.en}expected ${expectedEn}, got ${describeType(got)}${shown}.`,
      ja: `${w.ja}${expectedJa}を返すはずが、${describeTypeJa(got)}${shown}が返されました。`,
    },
  };
}

function checkNdArray(dims: number[], got: unknown, path: Path): StructureIssue | undefined {
  const depth = dims.length;
  if (ArrayBuffer.isView(got)) return typedArrayIssue(path, got, depth);
  if (!Array.isArray(got)) return typeIssue(path, `${arrayTypeName(depth)} (${shapeText(dims)})`, `${arrayTypeName(depth)}（${shapeTextJa(dims)}）`, got);
  const gotDims = probeDims(got, depth + 1);
  const w = where(path);
  // An empty array has no first element to probe; its depth is unknown, so only its length is compared.
  const sameDepth = gotDims.length === depth || (gotDims.length < depth && gotDims[gotDims.length - 1] === 0);
  if (!sameDepth) {
    return {
      kind: "shape",
      path,
      expectedShape: shapeText(dims),
      gotShape: shapeText(gotDims),
      message: {
        en: `${w.en}expected ${shapeText(dims)} (${arrayTypeName(depth)}), got ${shapeText(gotDims)} (${arrayTypeName(gotDims.length)}).`,
        ja: `${w.ja}${shapeTextJa(dims)} の ${arrayTypeName(depth)} を返すはずが、${shapeTextJa(gotDims)} の ${arrayTypeName(gotDims.length)} が返されました。`,
      },
    };
  }
  if (gotDims.some((d, k) => d !== dims[k])) {
    const transposed = depth === 2 && gotDims[0] === dims[1] && gotDims[1] === dims[0];
    return {
      kind: "shape",
      path,
      expectedShape: shapeText(dims),
      gotShape: shapeText(gotDims),
      message: {
        en: `${w.en}expected ${shapeText(dims)}, got ${shapeText(gotDims)}.${transposed ? " The result looks transposed." : ""}`,
        ja: `${w.ja}形状は ${shapeTextJa(dims)} のはずが、${shapeTextJa(gotDims)} でした。${transposed ? "結果が転置されているようです。" : ""}`,
      },
    };
  }
  return walkRect(dims, 0, got, path);
}

/** Every row has the expected length and every leaf is a number; `got` already matches `dims` along its first chain. */
function walkRect(dims: number[], level: number, got: unknown, path: Path): StructureIssue | undefined {
  const n = dims[level]!;
  if (ArrayBuffer.isView(got)) return typedArrayIssue(path, got, dims.length - level);
  if (!Array.isArray(got)) return typeIssue(path, arrayTypeName(dims.length - level), arrayTypeName(dims.length - level), got);
  if (got.length !== n) {
    const w = where(path);
    return {
      kind: "shape",
      path,
      expectedShape: shapeText(dims),
      message: {
        en: `${w.en}a row has ${got.length} entries; every row must have ${n} (expected ${shapeText(dims)}).`,
        ja: `${w.ja}要素数 ${got.length} の行があります。すべての行は ${n} 要素のはずです（期待する形状は ${shapeTextJa(dims)}）。`,
      },
    };
  }
  const last = level === dims.length - 1;
  for (let i = 0; i < n; i++) {
    const item: unknown = got[i];
    if (last) {
      if (typeof item !== "number") return typeIssue([...path, i], "a number", "数値", item);
    } else {
      const issue = walkRect(dims, level + 1, item, [...path, i]);
      if (issue) return issue;
    }
  }
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && Object.prototype.toString.call(v) === "[object Object]";
}

/** undefined when `got` has the structure of `expected`; otherwise the first problem found, in words. */
export function checkStructure(expected: unknown, got: unknown, path: Path = []): StructureIssue | undefined {
  if (typeof expected === "number") {
    return typeof got === "number" ? undefined : typeIssue(path, "a number", "数値", got);
  }
  if (typeof expected === "string") return typeof got === "string" ? undefined : typeIssue(path, "a string", "文字列", got);
  if (typeof expected === "boolean") return typeof got === "boolean" ? undefined : typeIssue(path, "a boolean", "真偽値", got);
  if (expected === null || expected === undefined) {
    return got === expected ? undefined : typeIssue(path, String(expected), String(expected), got);
  }
  if (Array.isArray(expected)) {
    const dims = ndShape(expected);
    if (dims && dims.length > 0) return checkNdArray(dims, got, path);
    if (ArrayBuffer.isView(got)) return typedArrayIssue(path, got, 1);
    if (!Array.isArray(got)) return typeIssue(path, "an array", "配列", got);
    if (got.length !== expected.length) {
      const w = where(path);
      return {
        kind: "shape",
        path,
        expectedShape: shapeText([expected.length]),
        gotShape: shapeText([got.length]),
        message: {
          en: `${w.en}expected ${shapeText([expected.length])}, got ${shapeText([got.length])}.`,
          ja: `${w.ja}${shapeTextJa([expected.length])} のはずが、${shapeTextJa([got.length])} でした。`,
        },
      };
    }
    for (let i = 0; i < expected.length; i++) {
      const issue = checkStructure(expected[i], got[i], [...path, i]);
      if (issue) return issue;
    }
    return undefined;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(got)) return typeIssue(path, "an object", "オブジェクト", got);
    for (const key of Object.keys(expected)) {
      if (!Object.prototype.hasOwnProperty.call(got, key)) {
        const w = where(path);
        return {
          kind: "type",
          path: [...path, key],
          message: {
            en: `${w.en}the result has no field "${key}"; return an object with the fields ${Object.keys(expected).map((k) => `"${k}"`).join(", ")}.`,
            ja: `${w.ja}結果にフィールド "${key}" がありません。${Object.keys(expected).map((k) => `"${k}"`).join("、")} を持つオブジェクトを返してください。`,
          },
        };
      }
      const issue = checkStructure(expected[key], got[key], [...path, key]);
      if (issue) return issue;
    }
    return undefined;
  }
  // The reference returned something outside plain data: the exercise, not the learner, is at fault.
  throw new Error(`reference output at ${formatPath(path) || "(root)"} is ${describeType(expected)}, which is not plain data`);
}
