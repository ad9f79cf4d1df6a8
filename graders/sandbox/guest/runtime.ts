/**
 * The guest runtime: runs INSIDE an isolate, in every fresh context, before the learner's code.
 * It is bundled (with the guest-side linalg) into one script by graders/supervisor/build-worker.ts.
 *
 * Why it is written defensively: the learner's code runs in the same context and may replace any builtin
 * (Array.prototype, JSON, Object.keys, Function.prototype.call …). Everything this file needs is captured here,
 * before that code runs, and called through the captured `Reflect.apply`. Tampering can still change the learner's
 * own output (which is then judged as their output), but never the envelope the host reads, the error description,
 * the console buffer, or another submission: each submission has a fresh context.
 */
import type { GuestBatch, GuestCall, GuestError, GuestReply, GuestRequest } from "./protocol";
import { FUNCTION_HEADER_LINES, GUEST_ENTRY_GLOBAL, PACKED_KEY, SOLUTION_FILENAME } from "./protocol";

type Dict = Record<string, unknown>;
type AnyFn = (...args: unknown[]) => unknown;

const G = globalThis as unknown as Dict;

// Captured intrinsics (see the header comment).
const apply = Reflect.apply;
const getOwn = Reflect.getOwnPropertyDescriptor;
const getProto = Reflect.getPrototypeOf;
const defineProp = Reflect.defineProperty;
const ownKeys = Reflect.ownKeys;
const objectKeys = Object.keys;
const objectFreeze = Object.freeze;
const isArray = Array.isArray;
const NumberFn = Number;
const StringFn = String;
const FunctionCtor = Function;
const isView = ArrayBuffer.isView;
const Float64ArrayCtor = Float64Array;
const Float64Proto = Float64Array.prototype;
const ObjectProto = Object.prototype;
const ArrayProto = Array.prototype;
const PromiseProto = Promise.prototype;
const WeakSetCtor = WeakSet;
const weakSetHas = WeakSet.prototype.has;
const weakSetAdd = WeakSet.prototype.add;
const stringSlice = String.prototype.slice;
const arrayFrom = Array.from as (src: ArrayLike<unknown>, map?: (x: unknown) => unknown) => unknown[];
const TypedArrayProto = getProto(Uint8Array.prototype) as object;
const typedArrayValues = getOwn(TypedArrayProto, Symbol.iterator)?.value as unknown;
const arrayValues = getOwn(Array.prototype, Symbol.iterator)?.value as unknown;
const ArrayIteratorProto = getProto([][Symbol.iterator]()) as object;
const arrayIteratorNext = getOwn(ArrayIteratorProto, "next")?.value as unknown;
const objectIs = Object.is;
const dateNow = Date.now;
const jsonStringify = JSON.stringify;
const regexpExec = RegExp.prototype.exec;
const symbolDescription = getOwn(Symbol.prototype, "description")?.get as AnyFn;
const typedArrayTag = getOwn(getProto(Uint8Array.prototype) as object, Symbol.toStringTag)?.get as AnyFn;
const TYPED: Dict = {
  Float64Array, Float32Array, Int32Array, Int16Array, Int8Array, Uint32Array, Uint16Array, Uint8Array, Uint8ClampedArray,
  BigInt64Array, BigUint64Array,
};
const POSITION = /solution\.ts:(\d+):(\d+)/;
// From V8 12 (Node 22) on, an error's `stack` is an own accessor pair that every error of the context shares.
const nativeStackGet = getOwn(new Error(), "stack")?.get as AnyFn | undefined;

// No shared memory, no threads, no WebAssembly: WebAssembly.Memory could reach host memory past the heap limit.
// Intl objects hold ICU data outside the V8 heap (retaining them grew a child by 1.2 GB under a 64 MB isolate).
// FinalizationRegistry callbacks and WeakRef clean-ups are isolate tasks that V8 may run during a LATER submission
// on the same isolate: a registry whose callback spins made an innocent submission time out.
for (const name of ["WebAssembly", "SharedArrayBuffer", "Atomics", "Intl", "FinalizationRegistry", "WeakRef"]) delete G[name];
neuterResizableBuffers();

/**
 * Resizable ArrayBuffers (`new ArrayBuffer(n, { maxByteLength })`, `.resize()`) get their backing store outside the
 * allocator that enforces the isolate's memory limit: 7 × 200 MB passed under a 64 MB limit. Fixed-length buffers
 * go through that allocator and are refused past the limit. So the constructor here drops the options (every buffer
 * is fixed-length) and the methods that change a buffer's length are removed. The original constructor stays
 * unreachable: `ArrayBuffer.prototype.constructor` and the species point at the replacement.
 */
function neuterResizableBuffers(): void {
  const Original = ArrayBuffer;
  const construct = Reflect.construct;
  const proto = Original.prototype;
  function ArrayBufferFixed(this: unknown, length?: unknown): ArrayBuffer {
    if (new.target === undefined) throw new TypeError("Constructor ArrayBuffer requires 'new'");
    return construct(Original, [length], new.target) as ArrayBuffer;
  }
  defineProp(ArrayBufferFixed, "prototype", { value: proto, writable: false, enumerable: false, configurable: false });
  defineProp(ArrayBufferFixed, "name", { value: "ArrayBuffer", configurable: true });
  defineProp(ArrayBufferFixed, "length", { value: 1, configurable: true });
  defineProp(ArrayBufferFixed, "isView", { value: Original.isView, writable: true, configurable: true });
  defineProp(ArrayBufferFixed, Symbol.species, { get() { return this; }, configurable: true });
  defineProp(proto, "constructor", { value: ArrayBufferFixed, writable: true, configurable: true, enumerable: false });
  for (const name of ["resize", "transfer", "transferToFixedLength"]) Reflect.deleteProperty(proto, name);
  G.ArrayBuffer = ArrayBufferFixed;
}

/**
 * Writes an own element without consulting the prototype chain: `arr[i] = v` would run a setter the learner put on
 * Array.prototype. One null-prototype descriptor is reused, so Object.prototype getters cannot add fields to it.
 */
const slot = { value: undefined as unknown, writable: true, enumerable: true, configurable: true, __proto__: null } as PropertyDescriptor;
function put(target: object, key: PropertyKey, value: unknown): void {
  slot.value = value;
  defineProp(target, key, slot);
  slot.value = undefined;
}

/** An own data property's value, without running a getter (and without trusting `in`, which sees Object.prototype). */
function data(obj: object, key: PropertyKey): unknown {
  const d = getOwn(obj, key);
  if (!d) return undefined;
  const v = getOwn(d, "value");
  return v ? v.value : undefined;
}

/** Reads a data property along the prototype chain without running getters. */
function dataInChain(obj: object, key: PropertyKey): unknown {
  let o: object | null = obj;
  for (let depth = 0; o !== null && depth < 16; depth++) {
    if (getOwn(o, key)) return data(o, key);
    o = getProto(o);
  }
  return undefined;
}

function cut(s: string, max: number): string {
  return s.length > max ? apply(stringSlice, s, [0, max]) + "…" : s;
}

// ---------------------------------------------------------------- console

let consoleText = "";
let consoleTruncated = false;
let consoleMax = 4096;

function fmt(v: unknown, depth: number, budget: { left: number }): string {
  if (budget.left <= 0) return "…";
  switch (typeof v) {
    case "string": return depth === 0 ? v : jsonStringify(v);
    case "number": return objectIs(v, -0) ? "-0" : StringFn(v);
    case "bigint": return StringFn(v) + "n";
    case "boolean": case "undefined": return StringFn(v);
    case "symbol": return `Symbol(${StringFn(apply(symbolDescription, v, []) ?? "")})`;
    case "function": {
      const name = data(v as object, "name");
      return `[Function ${typeof name === "string" && name ? name : "(anonymous)"}]`;
    }
  }
  if (v === null) return "null";
  const o = v as object;
  if (depth > 3) return isArray(o) ? "[…]" : "{…}";
  if (isView(o)) {
    const tag = apply(typedArrayTag, o, []) as string | undefined;
    return `${tag ?? "DataView"}(${StringFn(data(o, "length") ?? "")})`;
  }
  // Strings are built by concatenation: Array.prototype.join and index setters may have been replaced.
  let text = "";
  if (isArray(o)) {
    const n = o.length;
    for (let i = 0; i < n && i < 100 && budget.left > 0; i++) {
      const s = fmt(o[i], depth + 1, budget);
      budget.left -= s.length + 2;
      text += i === 0 ? s : `, ${s}`;
    }
    if (n > 100 || budget.left <= 0) text += `, … ${n} items`;
    return `[${text}]`;
  }
  const keys = ownKeys(o);
  for (let i = 0; i < keys.length && i < 50 && budget.left > 0; i++) {
    const k = keys[i]!;
    if (typeof k === "symbol") continue;
    const d = getOwn(o, k);
    const s = d && getOwn(d, "value") ? fmt(data(o, k), depth + 1, budget) : "[Getter]";
    budget.left -= k.length + s.length + 4;
    text += `${text === "" ? "" : ", "}${k}: ${s}`;
  }
  if (keys.length > 50) text += ", …";
  return `{ ${text} }`;
}


/** Set from the first hidden case on: its output could show the hidden input, so it never leaves the isolate. */
let quietCall = false;
let quietNoted = false;
const QUIET_NOTE = "[console output of hidden cases is not shown]\n";

function print(prefix: string, args: unknown[]): void {
  if (consoleTruncated) return;
  if (quietCall) {
    if (quietNoted) return;
    quietNoted = true;
    const next = consoleText + QUIET_NOTE;
    if (next.length <= consoleMax) consoleText = next;
    return;
  }
  const budget = { left: consoleMax - consoleText.length + 1 };
  let line = prefix;
  for (let i = 0; i < args.length; i++) {
    if (i > 0) line += " ";
    line += fmt(args[i], 0, budget);
    if (line.length > consoleMax) break;
  }
  const next = consoleText + line + "\n";
  if (next.length > consoleMax) {
    consoleText = apply(stringSlice, next, [0, consoleMax]) as string;
    consoleTruncated = true;
  } else {
    consoleText = next;
  }
}

const guestConsole = objectFreeze({
  log: (...a: unknown[]) => print("", a),
  info: (...a: unknown[]) => print("", a),
  debug: (...a: unknown[]) => print("", a),
  warn: (...a: unknown[]) => print("warn: ", a),
  error: (...a: unknown[]) => print("error: ", a),
  table: (...a: unknown[]) => print("", a),
});

// ---------------------------------------------------------------- errors

/** The stack text of a thrown object: a data property, or V8's own stack getter, never a getter the learner put there. */
function stackOf(o: object): unknown {
  const d = getOwn(o, "stack");
  if (!d) return undefined;
  const v = getOwn(d, "value");
  if (v) return v.value;
  const get = getOwn(d, "get");
  if (!get || nativeStackGet === undefined || get.value !== nativeStackGet) return undefined;
  try {
    return apply(nativeStackGet, o, []);
  } catch {
    return undefined; // a learner's Error.prepareStackTrace threw: no position, the message still stands
  }
}

function positionOf(stack: unknown): { jsLine?: number; jsColumn?: number } {
  if (typeof stack !== "string") return {};
  const m = apply(regexpExec, POSITION, [stack]) as RegExpExecArray | null;
  if (!m) return {};
  const line = NumberFn(m[1]) - FUNCTION_HEADER_LINES;
  return line >= 1 ? { jsLine: line, jsColumn: NumberFn(m[2]) } : {};
}

/** Describes a thrown value without calling any of its methods (its toString may loop or throw again). */
function describeThrown(e: unknown): GuestError {
  if ((typeof e === "object" && e !== null) || typeof e === "function") {
    const o = e as object;
    const name = dataInChain(o, "name");
    const message = dataInChain(o, "message");
    const pos = positionOf(stackOf(o));
    let text: string;
    if (typeof message === "string" && message !== "") text = typeof name === "string" && name ? `${name}: ${message}` : message;
    else if (typeof name === "string" && name) text = name;
    else text = `threw a non-Error value ${cut(fmt(o, 1, { left: 200 }), 200)}; throw new Error("…") instead`;
    if (text === "RangeError: Maximum call stack size exceeded") {
      text += " (recursion too deep: check the base case, or use a loop)";
    }
    return { kind: "throw", message: cut(text, 1000), ...pos };
  }
  return { kind: "throw", message: cut(`threw ${fmt(e, 1, { left: 200 })}`, 1000) };
}

// ---------------------------------------------------------------- data in and out

/**
 * True while the iterators Array.from would use are the original ones: no own @@iterator on Float64Array.prototype,
 * the original values() on %TypedArray%.prototype and Array.prototype, the original next() of array iterators. Then
 * Array.from runs no learner code (it defines elements with CreateDataProperty, so no setter runs either).
 */
function iteratorsIntact(): boolean {
  return (
    getOwn(Float64Proto, Symbol.iterator) === undefined &&
    data(TypedArrayProto, Symbol.iterator) === typedArrayValues &&
    data(ArrayProto, Symbol.iterator) === arrayValues &&
    data(ArrayIteratorProto, "next") === arrayIteratorNext
  );
}

/**
 * Copied-in data is rebuilt as ordinary arrays, so the learner's loops run at full speed (measured 2–3.7× faster).
 * Array.from is a builtin: in a fresh context the guest's own loops run cold in the interpreter, and an element loop
 * here cost more than the rest of a softmax submission. When the learner replaced an iterator (see iteratorsIntact),
 * elements are defined one by one instead, which runs no learner code either.
 */
function rebuild(v: unknown, intact: boolean): unknown {
  if (typeof v !== "object" || v === null) return v;
  // A Float64Array coming in is a packed number[] (see PACKED_KEY).
  if (isView(v) && getProto(v) !== Float64Proto) return v;
  if (isView(v) || isArray(v)) {
    const src = v as ArrayLike<unknown>;
    if (intact) return isView(v) ? arrayFrom(src) : arrayFrom(src, (x: unknown) => rebuild(x, intact));
    const out: unknown[] = [];
    for (let i = 0; i < src.length; i++) put(out, i, rebuild(src[i], intact));
    return out;
  }
  const out: Dict = {};
  const keys = objectKeys(v);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    put(out, k, rebuild((v as Dict)[k], intact));
  }
  return out;
}

class OutputError {
  constructor(readonly kind: "bad-output" | "output-too-large", readonly message: string) {}
}

function extend(path: (string | number)[], key: string | number): (string | number)[] {
  const out: (string | number)[] = [];
  for (let i = 0; i < path.length; i++) put(out, i, path[i]);
  put(out, path.length, key);
  return out;
}

function pathText(path: (string | number)[]): string {
  let s = "the result";
  for (let i = 0; i < path.length; i++) {
    const p = path[i]!;
    s += typeof p === "number" ? `[${p}]` : `.${p}`;
  }
  return s;
}

function kindOfObject(o: object): string {
  if (isView(o)) return "a DataView";
  let proto: object | null = getProto(o);
  for (let i = 0; proto !== null && i < 16; i++) {
    if (proto === PromiseProto) return "a Promise";
    const ctor = data(proto, "constructor");
    const name = ctor && (typeof ctor === "function") ? data(ctor, "name") : undefined;
    if (typeof name === "string" && name && name !== "Object") return `an instance of ${name}`;
    proto = getProto(proto);
  }
  return "an object that is not plain data";
}

interface OutState {
  seen: WeakSet<object>;
  left: number;
  max: number;
}

/**
 * Copies the learner's result into fresh plain data: numbers, strings, booleans, null, undefined, arrays, plain
 * objects and typed arrays. Getters and Proxy traps run here, under the call's time limit, and only what they return
 * crosses; functions, Promises, class instances, cycles and oversized results are refused with a description.
 */
function toPlain(v: unknown, path: (string | number)[], st: OutState): unknown {
  switch (typeof v) {
    case "number": case "boolean": case "undefined": case "bigint":
      st.left--;
      break;
    case "string":
      st.left -= v.length + 1;
      break;
    case "symbol":
      throw new OutputError("bad-output", `${pathText(path)} is a symbol; return numbers, arrays or plain objects`);
    case "function":
      throw new OutputError("bad-output", `${pathText(path)} is a function; return its value instead (did you forget to call it?)`);
  }
  if (st.left < 0) {
    throw new OutputError("output-too-large", `the result has more than ${st.max} numbers or characters`);
  }
  if (typeof v !== "object" || v === null) return v;
  if (path.length > 32) throw new OutputError("bad-output", `${pathText(path)} is nested more than 32 levels deep`);
  if (apply(weakSetHas, st.seen, [v])) {
    throw new OutputError("bad-output", `${pathText(path)} refers back to a value that contains it (a cycle); return plain data`);
  }
  apply(weakSetAdd, st.seen, [v]);
  if (isView(v)) {
    const tag = apply(typedArrayTag, v, []) as string | undefined;
    const Ctor = tag === undefined ? undefined : (TYPED[tag] as (new (src: unknown) => { length: number }) | undefined);
    if (!Ctor) throw new OutputError("bad-output", `${pathText(path)} is a DataView; return a number[]`);
    const copy = new Ctor(v);
    st.left -= copy.length;
    if (st.left < 0) throw new OutputError("output-too-large", `the result has more than ${st.max} numbers or characters`);
    return copy;
  }
  const proto = getProto(v);
  if (isArray(v)) {
    const n = NumberFn(v.length);
    if (n > st.left) throw new OutputError("output-too-large", `the result has more than ${st.max} numbers or characters`);
    // Numbers only: one Float64Array in a marked box (see PACKED_KEY); otherwise element by element.
    const packed = new Float64ArrayCtor(n);
    let k = 0;
    for (; k < n; k++) {
      const x = v[k];
      if (typeof x !== "number") break;
      packed[k] = x;
    }
    if (n > 0 && k === n) {
      st.left -= n;
      const box: Dict = {};
      put(box, PACKED_KEY, packed);
      return box;
    }
    const out: unknown[] = [];
    for (let i = 0; i < k; i++) put(out, i, packed[i]);
    st.left -= k;
    for (let i = k; i < n; i++) {
      const x = v[i];
      put(out, i, typeof x === "number" ? (st.left--, x) : toPlain(x, extend(path, i), st));
      if (st.left < 0) throw new OutputError("output-too-large", `the result has more than ${st.max} numbers or characters`);
    }
    return out;
  }
  if (proto !== ObjectProto && proto !== null) {
    const what = kindOfObject(v);
    const hint = what === "a Promise" ? ": the function must return its result directly (no async, no await)" : "; return a plain object { … } or an array";
    throw new OutputError("bad-output", `${pathText(path)} is ${what}${hint}`);
  }
  const out: Dict = {};
  const keys = objectKeys(v);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    st.left -= 1;
    if (k.charCodeAt(0) === 0) throw new OutputError("bad-output", `${pathText(path)} has a key that starts with a NUL character; use ordinary keys`);
    put(out, k, toPlain((v as Dict)[k], extend(path, k), st));
  }
  return out;
}

// ---------------------------------------------------------------- module and calls

let allowedHelpers: string[] = [];
let expectedExports: string[] = [];
let maxOutput = 1_000_000;
let driver: AnyFn | undefined;
let learnerModule: { exports: Dict } = { exports: {} };
/** Handed to the module as its `require` parameter only; the global object gets no `require`. */
let learnerRequire: (specifier: unknown) => unknown = () => undefined;

function makeLinalg(linalg: Dict, allowed: string[]): Dict {
  const out: Dict = {};
  const allowedText = allowed.length ? allowed.join(", ") : "none";
  for (const name of objectKeys(linalg)) {
    if (allowed.includes(name)) {
      defineProp(out, name, { value: linalg[name], enumerable: true, __proto__: null } as PropertyDescriptor);
    } else {
      defineProp(out, name, {
        enumerable: false,
        get() {
          throw new Error(`linalg.${name} is not allowed in this exercise (allowed: ${allowedText}); write it yourself`);
        },
        __proto__: null,
      } as PropertyDescriptor);
    }
  }
  // Marked as an ES module so that sucrase's interop helpers hand it over as it is: `import * as L` then reaches the
  // refusing getters (a copy would drop them and say "L.svd is not a function"), and `import L from` works too.
  defineProp(out, "__esModule", { value: true, __proto__: null } as PropertyDescriptor);
  defineProp(out, "default", { value: out, __proto__: null } as PropertyDescriptor);
  return objectFreeze(out);
}

function compileDriver(src: string): AnyFn {
  // Function.prototype.toString gives an arrow/function expression, or a method `driver(mod, call, args) { … }`.
  try {
    return new FunctionCtor(`return (${src});`)() as AnyFn;
  } catch {
    const holder = new FunctionCtor(`return ({ ${src} });`)() as Dict;
    return holder[objectKeys(holder)[0]!] as AnyFn;
  }
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

function setup(req: Extract<GuestRequest, { op: "run" }>, linalg: Dict): void {
  allowedHelpers = req.helpers;
  expectedExports = req.exports;
  consoleMax = req.maxConsoleChars;
  maxOutput = req.maxOutputElements;
  driver = req.driver ? compileDriver(req.driver) : undefined;
  const guestLinalg = makeLinalg(linalg, allowedHelpers);
  const allowedText = allowedHelpers.length ? `only these helpers: ${allowedHelpers.join(", ")}` : "no helpers in this exercise";
  const requireShim = (specifier: unknown): unknown => {
    if (specifier === "linalg") return guestLinalg;
    throw new Error(
      `Cannot import "${cut(StringFn(specifier), 100)}": a solution may import only from "linalg" (${allowedText}). ` +
        "Remove the import and write the code in this file.",
    );
  };
  learnerModule = { exports: {} };
  learnerRequire = requireShim;
  G.console = guestConsole;
}

function load(js: string): GuestReply {
  let body: AnyFn;
  try {
    body = new FunctionCtor("exports", "require", "module", `${js}\n//# sourceURL=${SOLUTION_FILENAME}`) as AnyFn;
  } catch (e) {
    return { ok: false, error: describeThrown(e) };
  }
  try {
    apply(body, undefined, [learnerModule.exports, learnerRequire, learnerModule]);
  } catch (e) {
    return { ok: false, error: describeThrown(e) };
  }
  const mod = learnerModule.exports;
  // An index loop: for…of would call an Array.prototype[Symbol.iterator] the learner's top level may have replaced.
  for (let i = 0; i < expectedExports.length; i++) {
    const name = expectedExports[i]!;
    // A plain [[Get]]: sucrase exports re-exported bindings through getters. It runs under the load time limit.
    const value = typeof mod === "object" && mod !== null ? (mod as Dict)[name] : undefined;
    if (value === undefined) {
      return {
        ok: false,
        error: { kind: "missing-export", message: `${name} is not exported: write "export function ${name}(…)" (the signature is in the statement)` },
      };
    }
    if (typeof value !== "function") {
      return { ok: false, error: { kind: "missing-export", message: `${name} is not a function: it is ${typeName(value)}; export function ${name}(…) instead` } };
    }
  }
  return { ok: true };
}

function call(name: string, args: unknown[]): GuestReply {
  const fresh = rebuild(args, iteratorsIntact()) as unknown[];
  let result: unknown;
  try {
    if (driver) {
      result = apply(driver, undefined, [learnerModule.exports, name, fresh]);
    } else {
      const fn = (learnerModule.exports as Dict)[name];
      if (typeof fn !== "function") return { ok: false, error: { kind: "missing-export", message: `${name} is not a function` } };
      result = apply(fn as AnyFn, undefined, fresh);
    }
  } catch (e) {
    return { ok: false, error: describeThrown(e) };
  }
  try {
    return { ok: true, value: toPlain(result, [], { seen: new WeakSetCtor(), left: maxOutput, max: maxOutput }) };
  } catch (e) {
    if (e instanceof OutputError) return { ok: false, error: { kind: e.kind, message: e.message } };
    return { ok: false, error: describeThrown(e) };
  }
}

let progress: (GuestReply & { ms: number })[] = [];
let loaded: GuestReply | null = null;

function batchValue(): GuestBatch {
  return { loaded, replies: progress, console: { text: consoleText, truncated: consoleTruncated } };
}

/** `firstAlways`: a "calls" hop runs at least one call; a "run" hop may have spent its slice on loading. */
function runBatch(calls: GuestCall[], sliceMs: number, t0: number, firstAlways: boolean): GuestReply {
  progress = [];
  for (let i = 0; i < calls.length; i++) {
    if ((i > 0 || !firstAlways) && dateNow() - t0 >= sliceMs) break;
    const c = calls[i]!;
    const c0 = dateNow();
    // An own data property only: a getter the learner put on Object.prototype must not unmute a hidden case.
    // Once a hidden case has started the console stays muted for the rest of the run (hidden cases come last): a
    // promise callback or a later call could otherwise print what a hidden case saw.
    if (data(c, "quiet") === true) quietCall = true;
    const reply = call(c.call, c.args) as GuestReply & { ms: number };
    put(reply, "ms", dateNow() - c0);
    put(progress, i, reply);
  }
  return { ok: true, value: batchValue() };
}

/** Installs the dispatcher the host calls; the host deletes the global again before the learner's code runs. */
export function installGuest(linalg: Dict): void {
  // Anything that escapes here was raised by the learner's code or by what it tampered with (a getter on the exports,
  // a replaced builtin): it is the learner's error, reported as such, never an exception of the host's call.
  const dispatch = (req: GuestRequest): GuestReply => {
    try {
      return answer(req);
    } catch (e) {
      try {
        return { ok: false, error: describeThrown(e) };
      } catch {
        return { ok: false, error: { kind: "throw", message: "the code failed in a way that cannot be described" } };
      }
    }
  };
  const answer = (req: GuestRequest): GuestReply => {
    switch (req.op) {
      case "run": {
        const t0 = dateNow();
        progress = [];
        loaded = null;
        setup(req, linalg);
        loaded = load(req.js);
        if (!loaded.ok) return { ok: true, value: batchValue() };
        return runBatch(req.calls, req.sliceMs, t0, false);
      }
      case "calls": return runBatch(req.calls, req.sliceMs, dateNow(), true);
      case "progress": return { ok: true, value: batchValue() };
    }
  };
  defineProp(G, GUEST_ENTRY_GLOBAL, { value: dispatch, configurable: true, writable: false, enumerable: false });
}
