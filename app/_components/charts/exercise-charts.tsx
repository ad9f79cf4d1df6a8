"use client";
import type { VisibleRunPayload } from "../../../graders/browser/protocol";
import { svd } from "../../../graders/linalg/index";
import type { Locale } from "../../../graders/text";
import type { Verdict } from "../../../graders/verdict";
import { SvgChart } from "./svg-chart";

/**
 * The pictures that say more than numbers: logits against probabilities (softmax family), the singular value
 * spectrum and the Eckart–Young reconstruction error against k (SVD), and per-parameter gradcheck relative errors
 * on a log scale with the pass and fail bands. Drawn from the visible cases' data and the latest verdict.
 */
const EXPECTED = "#2b59c3";
const GOT = "#c2410c";

const isVector = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "number" && Number.isFinite(x));
const isMatrix = (v: unknown): v is number[][] =>
  Array.isArray(v) && v.length > 0 && v.length <= 60 && v.every((r) => isVector(r) && r.length === (v[0] as number[]).length && r.length <= 60);

const L = {
  softmax: { en: "Logits and probabilities", ja: "ロジットと確率" },
  softmaxDesc: { en: "Each logit against its probability: larger logits get larger probabilities.", ja: "各ロジットとその確率。ロジットが大きいほど確率も大きくなります。" },
  logit: { en: "logit z", ja: "ロジット z" },
  prob: { en: "output", ja: "出力" },
  expected: { en: "expected", ja: "期待値" },
  got: { en: "yours", ja: "あなたの出力" },
  gotNotDrawn: { en: "yours has NaN or Infinity and is not drawn", ja: "あなたの出力は NaN か Infinity を含むため描いていません" },
  spectrum: { en: "Singular value spectrum", ja: "特異値スペクトル" },
  spectrumDesc: { en: "Singular values of the first visible input, largest first.", ja: "最初の公開ケースの入力の特異値（大きい順）。" },
  index: { en: "index i", ja: "番号 i" },
  sigma: { en: "σᵢ", ja: "σᵢ" },
  recon: { en: "Reconstruction error against k", ja: "k に対する再構成誤差" },
  reconDesc: { en: "‖A − A_k‖_F = sqrt(σ²_{k+1} + …): the best rank-k error (Eckart–Young).", ja: "‖A − A_k‖_F = sqrt(σ²_{k+1} + …)：ランク k の最良誤差（Eckart–Young）。" },
  k: { en: "rank k", ja: "ランク k" },
  err: { en: "‖A − A_k‖_F", ja: "‖A − A_k‖_F" },
  grad: { en: "Gradient check: relative error per parameter", ja: "勾配チェック：パラメーターごとの相対誤差" },
  gradDesc: { en: "Below 1e−5 passes, above 1e−3 fails, in between is suspicious.", ja: "1e−5 未満は合格、1e−3 超は不合格、その間は要確認です。" },
  param: { en: "parameter", ja: "パラメーター" },
  relErr: { en: "relative error (log)", ja: "相対誤差（対数）" },
};

function softmaxChart(payload: VisibleRunPayload, verdict: Verdict | null, locale: Locale) {
  const failing = verdict?.cases.find((c) => c.visibility === "visible" && c.details?.plot?.got);
  const c = (failing && payload.cases.find((p) => p.name === failing.name)) ?? payload.cases[0];
  if (!c || !isVector(c.args[0]) || !isVector(c.expected) || c.expected.length !== c.args[0].length) return null;
  const z = c.args[0];
  const got = failing?.name === c.name ? failing.details?.plot?.got : undefined;
  const series = [{ name: `${L.expected[locale]} (${c.label[locale]})`, style: "dots" as const, color: EXPECTED, points: z.map((x, i) => [x, (c.expected as number[])[i]!] as [number, number]) }];
  if (isVector(got) && got.length === z.length) series.push({ name: L.got[locale], style: "dots" as const, color: GOT, points: z.map((x, i) => [x, got[i]!] as [number, number]) });
  else if (Array.isArray(got) && got.some((x) => typeof x === "number" && !Number.isFinite(x))) series[0]!.name += ` · ${L.gotNotDrawn[locale]}`;
  return <SvgChart title={L.softmax[locale]} description={L.softmaxDesc[locale]} xLabel={L.logit[locale]} yLabel={L.prob[locale]} series={series} />;
}

function svdCharts(payload: VisibleRunPayload, locale: Locale) {
  const c = payload.cases.find((p) => isMatrix(p.args[0]));
  if (!c) return null;
  let S: number[];
  try {
    S = svd(c.args[0] as number[][]).S;
  } catch {
    return null;
  }
  const recon = S.map((_, k) => [k, Math.sqrt(S.slice(k).reduce((a, s) => a + s * s, 0))] as [number, number]);
  recon.push([S.length, 0]);
  return (
    <>
      <SvgChart
        title={L.spectrum[locale]}
        description={`${L.spectrumDesc[locale]} ${S.map((s) => s.toPrecision(3)).join(", ")}`}
        xLabel={L.index[locale]}
        yLabel={L.sigma[locale]}
        series={[{ name: c.label[locale], style: "bars", color: EXPECTED, points: S.map((s, i) => [i + 1, s]) }]}
        xTicks={S.map((_, i) => ({ x: i + 1, label: String(i + 1) }))}
      />
      <SvgChart title={L.recon[locale]} description={L.reconDesc[locale]} xLabel={L.k[locale]} yLabel={L.err[locale]} series={[{ name: L.err[locale], style: "line", color: EXPECTED, points: recon }]} />
    </>
  );
}

function gradcheckChart(verdict: Verdict | null, bands: { pass: number; fail: number }, locale: Locale) {
  const c = verdict?.cases.find((x) => x.details?.gradcheck && x.details.gradcheck.length > 0 && x.status !== "passed") ?? verdict?.cases.find((x) => x.details?.gradcheck?.length);
  const entries = c?.details?.gradcheck;
  if (!c || !entries) return null;
  const colors = { pass: "#1f7a3d", suspicious: "#a16207", fail: "#b42318" };
  const byBand = (["pass", "suspicious", "fail"] as const)
    .map((band) => ({
      name: band,
      style: "bars" as const,
      color: colors[band],
      points: entries.flatMap((e, i) => (e.band === band ? [[i + 1, Math.max(e.relError, 1e-16)] as [number, number]] : [])),
    }))
    .filter((s) => s.points.length > 0);
  return (
    <SvgChart
      title={`${L.grad[locale]} — ${c.label[locale]}`}
      description={`${L.gradDesc[locale]} ${entries.map((e) => `${e.param || "output"}: ${e.relError.toExponential(1)}`).join(", ")}`}
      xLabel={L.param[locale]}
      yLabel={L.relErr[locale]}
      logY
      series={byBand}
      rules={[
        { y: bands.pass, label: "1e−5", color: "#1f7a3d" },
        { y: bands.fail, label: "1e−3", color: "#b42318" },
      ]}
      xTicks={entries.map((e, i) => ({ x: i + 1, label: e.param || "out" }))}
    />
  );
}

export function ExerciseCharts({ topicId, payload, verdict, locale }: { topicId: string; payload: VisibleRunPayload; verdict: Verdict | null; locale: Locale }) {
  let content = null;
  if (payload.settings.mode === "gradcheck") content = gradcheckChart(verdict, { pass: payload.settings.bands.pass, fail: payload.settings.bands.fail }, locale);
  else if (topicId === "svd") content = svdCharts(payload, locale);
  else if (topicId === "softmax") content = softmaxChart(payload, verdict, locale);
  if (!content) return null;
  return <div style={{ display: "grid", gap: "1rem", gridTemplateColumns: "repeat(auto-fit, minmax(16rem, 1fr))" }}>{content}</div>;
}
