import { findNonFinite, formatValue, nonFiniteFact } from "../compare";
import { judgeOutput } from "../modes";
import type { CallOutcome, RunError } from "../sandbox/types";
import { joinText, type LocalizedText } from "../text";
import type { CaseDetails, CaseResult, FailureKind } from "../verdict";
import { crashContext } from "./crash-context";
import { hiddenDetails, hiddenMissMessage, hiddenRunErrorMessage } from "./hidden";
import { judgeRunError } from "./run-errors";
import type { JudgeHooks, JudgeSettings, PreparedCase } from "./types";

/** Deep copy of trusted plain data, so neither the learner nor a hook can change what the next step sees. */
export function freshCopy<T>(value: T): T {
  return structuredClone(value);
}

const round2 = (ms: number) => Math.round(ms * 100) / 100;

function caseShell(c: PreparedCase): Pick<CaseResult, "name" | "label" | "visibility" | "weight"> {
  return { name: c.name, label: c.label, visibility: c.visibility, weight: c.weight };
}

const MAX_PLOT_POINTS = 200;

/** Expected against got for a failing visible vector output, so the page can draw them side by side. */
function plotFor(expected: unknown, got: unknown): Record<string, number[]> | undefined {
  const isVector = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === "number");
  if (!isVector(expected) || !isVector(got) || expected.length === 0 || expected.length > MAX_PLOT_POINTS || got.length !== expected.length) return undefined;
  return { expected: expected.slice(), got: got.slice() };
}

/** Hidden cases keep the kind of failure and its explanation, never their data (see hidden.ts). */
function redact(details: CaseDetails | undefined, c: PreparedCase): CaseDetails | undefined {
  if (!details && c.visibility === "hidden") return undefined;
  const out: CaseDetails = c.visibility === "hidden" ? hiddenDetails(details ?? {}) : { ...details, input: formatValue(c.args, 200) };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Ends a fragment with a full stop when it has none, so that a runtime error's message and a hint read as sentences. */
function asSentence(t: LocalizedText): LocalizedText {
  const en = t.en.trimEnd();
  const ja = t.ja.trimEnd();
  return {
    en: en === "" || /[.!?:)\]」]$/.test(en) ? en : `${en}.`,
    ja: ja === "" || /[。！？.!?:）)\]」]$/.test(ja) ? ja : `${ja}。`,
  };
}

function withHint(message: LocalizedText, c: PreparedCase, extra: LocalizedText | undefined): LocalizedText {
  const parts = [message];
  if (extra && (extra.en || extra.ja)) parts.push(extra);
  if (c.hint) parts.push(c.hint);
  return parts.length === 1 ? message : joinText(parts.map(asSentence));
}

/**
 * A case whose call failed in the sandbox: a throw, a limit, a missing export, an output that could not come out.
 * A throw also says what was being computed (crash-context.ts); `source` is the learner's code, for its line.
 */
export function judgeFailedCall(c: PreparedCase, error: RunError, ms: number | undefined, settings: JudgeSettings, source?: string): CaseResult {
  const j = judgeRunError(error, settings.limits, settings.exports);
  const details = redact(j.position ? { position: j.position } : undefined, c);
  const bare = (c.visibility === "hidden" ? hiddenRunErrorMessage(error) : undefined) ?? j.message;
  const message = error.kind === "throw" ? joinText([bare, crashContext(c, error.position, source, settings.signature, settings.driven === true)].map(asSentence)) : bare;
  return {
    ...caseShell(c),
    status: "failed",
    kind: j.kind,
    message: withHint(message, c, undefined),
    ...(details ? { details } : {}),
    ...(ms !== undefined ? { ms: round2(ms) } : {}),
  };
}

/** A case that never ran because the module did not compile or load. */
export function notRunCase(c: PreparedCase, kind: FailureKind, reason: LocalizedText): CaseResult {
  return { ...caseShell(c), status: "failed", kind, message: reason };
}

/**
 * Judges one call's outcome. The value is untrusted data; the expected value, numeric gradients and hooks are
 * trusted. Exceptions thrown here come from the exercise's hooks: the caller turns them into an ERROR verdict.
 */
export function judgeCase(c: PreparedCase, outcome: CallOutcome, settings: JudgeSettings, hooks: JudgeHooks, source?: string): CaseResult {
  if (!outcome.ok) return judgeFailedCall(c, outcome.error, outcome.ms, settings, source);
  const j = judgeOutput({
    mode: settings.mode,
    call: c.call,
    args: freshCopy(c.args),
    expected: c.expected,
    got: outcome.value,
    tolerance: c.tolerance,
    reveal: c.visibility === "visible",
    alsoAllclose: settings.alsoAllclose,
    bands: settings.bands,
    ...(c.numeric ? { numeric: c.numeric } : {}),
    ...(hooks.check ? { check: hooks.check } : {}),
  });
  if (j.status === "passed") {
    const details = j.details?.gradcheck ? { gradcheck: j.details.gradcheck } : undefined;
    return { ...caseShell(c), status: "passed", message: { en: "", ja: "" }, ...(details ? { details } : {}), ms: round2(outcome.ms) };
  }
  const kind: FailureKind = j.kind ?? "wrong-value";
  const diagnose = j.structured ? hooks.diagnose : j.kind === "shape" || j.kind === "type" ? hooks.diagnoseShape : undefined;
  const extra = diagnose
    ? diagnose({
        call: c.call,
        args: freshCopy(c.args),
        got: outcome.value,
        expected: c.expected,
        tolerance: c.tolerance,
        kind,
        visibility: c.visibility,
        caseName: c.name,
      })
    : undefined;
  const plot = c.visibility === "visible" && j.structured ? plotFor(c.expected, outcome.value) : undefined;
  const details = redact(plot ? { ...j.details, plot } : j.details, c);
  // A hidden numeric miss is described from its redacted details only (the comparator's text has the absolute error).
  // A NaN or Infinity whose likely cause the diagnosis names keeps the fact, not the list of usual causes.
  const nf = kind === "non-finite" && extra && extra.en !== "" ? findNonFinite(outcome.value, []) : undefined;
  const message = (c.visibility === "hidden" && kind === "wrong-value" ? hiddenMissMessage(details) : undefined) ?? (nf ? nonFiniteFact(nf.path, nf.value) : j.message);
  return {
    ...caseShell(c),
    status: j.status,
    kind,
    message: withHint(message, c, extra),
    ...(details ? { details } : {}),
    ms: round2(outcome.ms),
  };
}
