import { gradientRelativeError } from "../content/finite-difference";
import { checkStructure, compareClose, mismatchFailure, findNonFinite, flattenNumbers, formatError, formatNumber, formatPath, nonFiniteMessage } from "../compare";
import { joinText, type LocalizedText } from "../text";
import type { CaseDetails, GradcheckEntry } from "../verdict";
import { judgeProperties } from "./properties";
import { PASSED, type GradcheckBands, type Judgement, type ModeInput } from "./types";

export function gradcheckBand(rel: number, bands: GradcheckBands): GradcheckEntry["band"] {
  if (!(rel <= bands.fail)) return "fail"; // NaN fails too
  return rel < bands.pass ? "pass" : "suspicious";
}

function paramName(param: string): { en: string; ja: string } {
  return param === "" ? { en: "the gradient", ja: "勾配" } : { en: param, ja: param };
}

/** Where analytic and numeric gradients differ most, for visible cases. */
function largestGap(ga: unknown, gn: unknown, param: string): LocalizedText | undefined {
  const a = flattenNumbers(ga);
  const n = flattenNumbers(gn);
  let best = 0;
  let at = -1;
  for (let i = 0; i < n.length; i++) {
    const d = Math.abs(a[i]! - n[i]!);
    if (d > best || at < 0) {
      best = d;
      at = i;
    }
  }
  if (at < 0) return undefined;
  // Recover the index path of flat position `at` from the numeric gradient's dimensions.
  const dims: number[] = [];
  let cur: unknown = gn;
  while (Array.isArray(cur)) {
    dims.push(cur.length);
    cur = cur[0];
  }
  const idx: number[] = [];
  let rest = at;
  for (let k = dims.length - 1; k >= 0; k--) {
    idx.unshift(rest % dims[k]!);
    rest = Math.floor(rest / dims[k]!);
  }
  const p = `${param}${formatPath(idx)}`;
  const an = formatNumber(a[at]!);
  const nu = formatNumber(n[at]!);
  return { en: `largest gap at ${p}: analytic ${an}, numeric ${nu}`, ja: `差が最大なのは ${p}: 解析的 ${an}、数値 ${nu}` };
}

function entryMessage(e: GradcheckEntry, bands: GradcheckBands, gap: LocalizedText | undefined): LocalizedText {
  const name = paramName(e.param);
  const rel = formatError(e.relError);
  const gapEn = gap ? ` (${gap.en})` : "";
  const gapJa = gap ? `（${gap.ja}）` : "";
  if (e.band === "suspicious") {
    return {
      en: `relative error ${rel} in ${name.en} is suspicious (between ${formatError(bands.pass)} and ${formatError(bands.fail)}): usually a small missing term, or a formula that loses precision${gapEn}.`,
      ja: `${name.ja} の相対誤差 ${rel} は要注意（suspicious、${formatError(bands.pass)} と ${formatError(bands.fail)} の間）です。小さな項の抜けや、精度を失う式であることが多いです${gapJa}。`,
    };
  }
  return {
    en: `relative error ${rel} in ${name.en} (fails above ${formatError(bands.fail)}): the analytic gradient disagrees with a central difference of the forward pass${gapEn}.`,
    ja: `${name.ja} の相対誤差が ${rel} です（${formatError(bands.fail)} を超えると不合格）。解析的な勾配が順伝播の中心差分と一致しません${gapJa}。`,
  };
}

/**
 * gradcheck: each gradient field of the learner's output against central differences of the reference forward,
 * rel = ‖ga − gn‖ / (‖ga‖ + ‖gn‖ + 1e−12), reported per parameter; optionally also allclose to the reference.
 */
export function judgeGradcheck(input: ModeInput): Judgement {
  const numeric = input.numeric;
  if (!numeric || Object.keys(numeric).length === 0) throw new Error("gradcheck mode needs a numericGradient() hook in cases.ts that returns at least one field");
  const entries: GradcheckEntry[] = [];
  const gaps = new Map<string, LocalizedText | undefined>();
  for (const [param, gn] of Object.entries(numeric)) {
    const ga = param === "" ? input.got : (input.got as Record<string, unknown>)[param];
    // The learner's output already has the reference's structure; the numeric gradient must match it too.
    const issue = checkStructure(gn, ga, param === "" ? [] : [param]);
    if (issue) throw new Error(`numericGradient()["${param}"] does not have the shape of the reference output: ${issue.message.en}`);
    const nf = findNonFinite(ga, param === "" ? [] : [param]);
    if (nf) {
      return { status: "failed", kind: "non-finite", message: nonFiniteMessage(nf.path, nf.value), details: { index: nf.path }, structured: true };
    }
    const rel = gradientRelativeError(flattenNumbers(ga), flattenNumbers(gn));
    const band = gradcheckBand(rel, input.bands);
    entries.push({ param, relError: rel, band });
    if (band !== "pass" && input.reveal) gaps.set(param, largestGap(ga, gn, param));
  }
  const details: CaseDetails = { gradcheck: entries };
  const bad = entries.filter((e) => e.band === "fail");
  const suspicious = entries.filter((e) => e.band === "suspicious");
  if (bad.length > 0 || suspicious.length > 0) {
    const shown = [...bad, ...suspicious].map((e) => entryMessage(e, input.bands, gaps.get(e.param)));
    return {
      status: bad.length > 0 ? "failed" : "suspicious",
      kind: "gradient",
      message: joinText(shown),
      details,
      structured: true,
    };
  }
  if (input.alsoAllclose) {
    const report = compareClose(input.expected, input.got, input.tolerance);
    if (!report.ok) {
      const f = mismatchFailure(input.expected, input.got, input.tolerance, input.reveal);
      return { status: "failed", kind: f.kind, message: f.message, details: { ...details, ...f.details }, structured: true };
    }
  }
  return judgeProperties(input) ?? { status: "passed", message: PASSED, details, structured: true };
}
