/**
 * A small dependency-free SVG chart: lines, dots or bars over a linear x axis, linear or log₁₀ y axis, and
 * horizontal reference bands. Enough for the exercise pictures; no charting library in the page's bundle.
 */
export interface Series {
  name: string;
  points: [number, number][];
  style: "line" | "dots" | "bars";
  color: string;
}

export interface ChartProps {
  title: string;
  /** Read by screen readers instead of the picture. */
  description: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  logY?: boolean;
  /** Horizontal lines, e.g. the 1e−5 and 1e−3 gradcheck bands. */
  rules?: { y: number; label: string; color: string }[];
  /** Category names for bar charts, shown under the bars instead of numbers. */
  xTicks?: { x: number; label: string }[];
}

const W = 360;
const H = 220;
const M = { top: 16, right: 12, bottom: 44, left: 56 };

/** A tick label with enough digits to tell ticks `span` apart: logits 1000, 1001, 1002 must not all read "1000". */
function niceNumber(v: number, span: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  const digits = Math.min(10, Math.max(3, Math.ceil(Math.log10(a / (span > 0 ? span : a))) + 2));
  if (a >= 1e6 || a < 1e-2) return v.toExponential(digits - 3 > 0 ? digits - 3 : 0);
  return Number(v.toPrecision(digits)).toString();
}

export function SvgChart({ title, description, xLabel, yLabel, series, logY, rules = [], xTicks }: ChartProps) {
  const ty = (y: number) => (logY ? Math.log10(Math.max(y, 1e-300)) : y);
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = [...series.flatMap((s) => s.points.map((p) => ty(p[1]))), ...rules.map((r) => ty(r.y))].filter(Number.isFinite);
  if (xs.length === 0 || ys.length === 0) return null;
  const hasBars = series.some((s) => s.style === "bars");
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  if (hasBars) [x0, x1] = [x0 - 0.6, x1 + 0.6];
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (!logY && hasBars) y0 = Math.min(0, y0);
  if (logY) [y0, y1] = [Math.floor(y0), Math.ceil(y1)];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (x: number) => M.left + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => M.top + (1 - (ty(y) - y0) / (y1 - y0)) * ph;
  const yTicks = logY
    ? Array.from({ length: Math.min(8, y1 - y0 + 1) }, (_, i) => 10 ** (y0 + Math.round((i * (y1 - y0)) / Math.max(1, Math.min(7, y1 - y0)))))
    : [0, 0.25, 0.5, 0.75, 1].map((f) => y0 + f * (y1 - y0));
  const barCount = Math.max(1, series.filter((s) => s.style === "bars").length);
  const barW = hasBars ? Math.max(2, (pw / Math.max(1, x1 - x0)) * 0.7) / barCount : 0;
  let barIndex = 0;
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${title}. ${description}`} style={{ maxWidth: W * 1.4, background: "var(--card)" }}>
        <title>{title}</title>
        <line x1={M.left} y1={M.top + ph} x2={M.left + pw} y2={M.top + ph} style={{ stroke: "var(--muted)" }} />
        <line x1={M.left} y1={M.top} x2={M.left} y2={M.top + ph} style={{ stroke: "var(--muted)" }} />
        {yTicks.map((t, i) => (
          <g key={i}>
            <line x1={M.left - 4} x2={M.left + pw} y1={sy(t)} y2={sy(t)} style={{ stroke: "var(--line)" }} />
            <text x={M.left - 6} y={sy(t) + 4} fontSize="10" textAnchor="end" style={{ fill: "var(--fg)" }}>
              {logY ? niceNumber(t, t) : niceNumber(t, (y1 - y0) / 4)}
            </text>
          </g>
        ))}
        {(xTicks ?? []).map((t) => (
          <text key={t.x} x={sx(t.x)} y={M.top + ph + 14} fontSize="10" textAnchor="middle" style={{ fill: "var(--fg)" }}>
            {t.label}
          </text>
        ))}
        {!xTicks &&
          [x0, (x0 + x1) / 2, x1].map((t, i) => (
            <text key={i} x={sx(t)} y={M.top + ph + 14} fontSize="10" textAnchor="middle" style={{ fill: "var(--fg)" }}>
              {niceNumber(t, (x1 - x0) / 2)}
            </text>
          ))}
        {rules.map((r) => (
          <g key={r.label}>
            <line x1={M.left} x2={M.left + pw} y1={sy(r.y)} y2={sy(r.y)} stroke={r.color} strokeDasharray="5 3" strokeWidth="1.5" />
            <text x={M.left + pw - 2} y={sy(r.y) - 3} fontSize="10" textAnchor="end" fill={r.color}>
              {r.label}
            </text>
          </g>
        ))}
        {series.map((s) => {
          if (s.style === "bars") {
            const offset = (barIndex++ - (barCount - 1) / 2) * barW;
            const base = logY ? M.top + ph : sy(0);
            return (
              <g key={s.name} fill={s.color}>
                {s.points.map(([x, y], i) => {
                  const top = sy(y);
                  return <rect key={i} x={sx(x) + offset - barW / 2} y={Math.min(top, base)} width={barW} height={Math.abs(base - top)} />;
                })}
              </g>
            );
          }
          if (s.style === "dots") {
            return (
              <g key={s.name} fill={s.color}>
                {s.points.map(([x, y], i) => (
                  <circle key={i} cx={sx(x)} cy={sy(y)} r="3.5" />
                ))}
              </g>
            );
          }
          return <polyline key={s.name} fill="none" stroke={s.color} strokeWidth="2" points={s.points.map(([x, y]) => `${sx(x)},${sy(y)}`).join(" ")} />;
        })}
        <text x={M.left + pw / 2} y={H - 6} fontSize="11" textAnchor="middle" style={{ fill: "var(--fg)" }}>
          {xLabel}
        </text>
        <text x={12} y={M.top + ph / 2} fontSize="11" textAnchor="middle" style={{ fill: "var(--fg)" }} transform={`rotate(-90 12 ${M.top + ph / 2})`}>
          {yLabel}
        </text>
      </svg>
      <figcaption style={{ fontSize: ".85rem" }}>
        <strong>{title}</strong>{" "}
        {series.map((s) => (
          <span key={s.name} style={{ marginLeft: ".6rem" }}>
            <span aria-hidden="true" style={{ color: s.color }}>■</span> {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
