import type { LocalizedText } from "../text";
import type { Verdict } from "../verdict";

/**
 * One line over the whole verdict: how many cases failed, which visible cases and hidden classes, and which outputs
 * (fields of an object output) differ. Names only what the learner already sees (case titles, field names).
 */
export function verdictSummary(v: Verdict): LocalizedText | undefined {
  if (v.status !== "failed" || v.compileError || v.cases.length === 0) return undefined;
  const failed = v.cases.filter((c) => c.status !== "passed");
  if (failed.length === 0) return undefined;
  const byLabel = new Map<string, { en: string; ja: string; failed: number; total: number; hidden: boolean }>();
  for (const c of v.cases) {
    const key = `${c.visibility}:${c.name}`;
    const e = byLabel.get(key) ?? { en: c.label.en, ja: c.label.ja, failed: 0, total: 0, hidden: c.visibility === "hidden" };
    e.total++;
    if (c.status !== "passed") e.failed++;
    byLabel.set(key, e);
  }
  const bad = [...byLabel.values()].filter((e) => e.failed > 0);
  const count = (e: { failed: number; total: number }) => (e.total > 1 ? ` (${e.failed}/${e.total})` : "");
  const visible = bad.filter((e) => !e.hidden);
  const hidden = bad.filter((e) => e.hidden);
  const outputs = [...new Set(failed.map((c) => c.details?.index?.[0]).filter((x): x is string => typeof x === "string"))];
  const gradients = [...new Set(failed.flatMap((c) => (c.details?.gradcheck ?? []).filter((g) => g.band !== "pass").map((g) => g.param)).filter((p) => p !== ""))];
  const fields = [...new Set([...outputs, ...gradients])];
  const en = [
    `${failed.length} of ${v.cases.length} cases failed`,
    visible.length > 0 ? `visible: ${visible.map((e) => `“${e.en}”${count(e)}`).join(", ")}` : "",
    hidden.length > 0 ? `hidden classes: ${hidden.map((e) => `“${e.en}”${count(e)}`).join(", ")}` : "",
    fields.length > 0 ? `outputs that differ: ${fields.join(", ")}` : "",
  ].filter((s) => s !== "");
  const ja = [
    `${v.cases.length} ケース中 ${failed.length} ケースが不合格`,
    visible.length > 0 ? `公開: ${visible.map((e) => `「${e.ja}」${count(e)}`).join("、")}` : "",
    hidden.length > 0 ? `非公開のクラス: ${hidden.map((e) => `「${e.ja}」${count(e)}`).join("、")}` : "",
    fields.length > 0 ? `一致しない出力: ${fields.join("、")}` : "",
  ].filter((s) => s !== "");
  return { en: `${en.join("; ")}.`, ja: `${ja.join("。")}。` };
}
