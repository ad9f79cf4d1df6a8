import { svd } from "linalg";
import { defineCases, text, type LocalizedText, type PropertyResult, type Rng } from "../../../graders/content";

type Output = { Ak: number[][]; error: number; storage: number };

const WORKED = [[4, 0], [3, -5], [0, 3]];

function lowRank(rng: Rng, m: number, n: number, r: number): number[][] {
  const L = rng.matrix(m, r);
  const R = rng.matrix(r, n);
  return L.map((row) => Array.from({ length: n }, (_, j) => row.reduce((s, x, p) => s + x * R[p]![j]!, 0)));
}

function near(a: unknown, b: number): boolean {
  return typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

function isOutput(x: unknown): x is Output {
  return typeof x === "object" && x !== null && "error" in x && "storage" in x;
}

export default defineCases({
  visible: [
    {
      name: "worked example, k = 1",
      labelJa: "例題(k = 1)",
      args: [WORKED, 1],
      expected: {
        Ak: [
          [1.4253042288673092, -1.9156525704423029],
          [3.4635438847033604, -4.655109141747591],
          [-1.4367394278317271, 1.9310218283495182],
        ],
        error: 3.720153254455275,
        storage: 6,
      },
    },
    {
      name: "worked example, k = 2 (full rank)",
      labelJa: "例題(k = 2、フルランク)",
      args: [WORKED, 2],
      expected: { Ak: WORKED, error: 0, storage: 12 },
    },
    {
      name: "rank-1 matrix, k = 1",
      labelJa: "ランク 1 の行列(k = 1)",
      args: [[[1, 2], [2, 4], [3, 6]], 1],
      expected: { Ak: [[1, 2], [2, 4], [3, 6]], error: 0, storage: 6 },
    },
    {
      name: "k = 0",
      labelJa: "k = 0",
      args: [[[1, 2], [3, 4]], 0],
      expected: { Ak: [[0, 0], [0, 0]], error: 5.477225575051661, storage: 0 },
      hint: text(
        "With k = 0 nothing is kept: Ak is the zero matrix, the error is ‖A‖_F and nothing needs storing.",
        "k = 0 では何も残さないので、Ak はゼロ行列、誤差は ‖A‖_F、保存する数は 0 個です。",
      ),
    },
  ],
  hidden: [
    {
      name: "random matrix",
      labelJa: "ランダムな行列",
      count: 2,
      generate: (rng) => {
        const m = rng.int(2, 8);
        const n = rng.int(2, 8);
        return [rng.matrix(m, n), rng.int(1, Math.min(m, n) - 1)];
      },
    },
    {
      name: "k = 0",
      labelJa: "k = 0",
      count: 1,
      generate: (rng) => [rng.matrix(rng.int(1, 6), rng.int(1, 6)), 0],
      hint: text(
        "With k = 0 nothing is kept: Ak is the zero matrix, the error is ‖A‖_F and the storage is 0.",
        "k = 0 では何も残さないので、Ak はゼロ行列、誤差は ‖A‖_F、保存する数は 0 個です。",
      ),
    },
    {
      name: "k = min(m, n)",
      labelJa: "k = min(m, n)",
      count: 1,
      generate: (rng) => {
        const m = rng.int(1, 7);
        const n = rng.int(1, 7);
        return [rng.matrix(m, n), Math.min(m, n)];
      },
      hint: text(
        "Keeping every singular value reproduces A exactly (up to rounding) and the error is 0; mind the loop bounds.",
        "特異値をすべて残すと A が(丸め誤差を除いて)そのまま再現され、誤差は 0 です。ループの範囲を確かめましょう。",
      ),
    },
    {
      name: "rank-deficient",
      labelJa: "ランク落ち",
      count: 2,
      generate: (rng) => {
        const r = rng.int(1, 3);
        const m = rng.int(r + 2, 8);
        const n = rng.int(r + 2, 8);
        return [lowRank(rng, m, n, r), rng.int(Math.max(r - 1, 0), r + 1)];
      },
    },
    {
      name: "1×1 matrix",
      labelJa: "1×1 行列",
      count: 1,
      generate: (rng) => [[[rng.uniform(-5, 5)]], rng.int(0, 1)],
    },
    {
      name: "tall or wide",
      labelJa: "縦長・横長の行列",
      count: 2,
      generate: (rng, index) => {
        const long = rng.int(10, 16);
        const short = rng.int(2, 4);
        const [m, n] = index % 2 === 0 ? [long, short] : [short, long];
        return [rng.matrix(m, n), rng.int(1, short)];
      },
    },
    {
      name: "scaled by 1e±100",
      labelJa: "1e±100 倍した行列",
      count: 2,
      // Entries near 1e−100 sit far below the default atol: compare them relatively.
      tolerance: { atol: 0 },
      generate: (rng, i) => {
        const m = rng.int(3, 7);
        const n = rng.int(3, 7);
        const f = i % 2 === 0 ? 1e100 : 1e-100;
        return [rng.matrix(m, n).map((row) => row.map((x) => x * f)), rng.int(1, Math.min(m, n) - 1)];
      },
    },
    {
      name: "100×80 at rank 5",
      labelJa: "100×80 行列のランク 5 近似",
      count: 1,
      generate: (rng) => [rng.matrix(100, 80), 5],
    },
  ],

  check: ({ args, got }) => {
    // Storage is a count: it must be exact, not merely within the tolerance.
    const [A, k] = args as [number[][], number];
    const want = k * (A.length + (A[0]?.length ?? 0) + 1);
    const storage = isOutput(got) ? got.storage : undefined;
    const ok = storage === want;
    return [{
      ok,
      message: ok
        ? text("storage is exactly k(m+n+1)", "storage は k(m+n+1) に一致")
        : text("storage is a count: it must be exactly the integer k(m+n+1), not merely close to it.",
          "storage は個数なので、k(m+n+1) に近いだけでなく、ちょうどその整数でなければなりません。"),
    } satisfies PropertyResult];
  },

  diagnose: ({ args, got, expected, tolerance }) => {
    if (!isOutput(got) || !isOutput(expected)) return undefined;
    const [A, k] = args as [number[][], number];
    const m = A.length;
    const n = A[0]?.length ?? 0;
    const notes: LocalizedText[] = [];

    const AkWrong = expected.Ak.some((row, i) =>
      row.some((x, j) => !(Math.abs((got.Ak[i]?.[j] ?? NaN) - x) <= tolerance.atol + tolerance.rtol * Math.abs(x))),
    );
    if (AkWrong) {
      notes.push(text(
        "Ak[i][j] = Σ_{l<k} U[i][l]·S[l]·Vt[l][j]: U is m×p and its columns are the uₗ; Vt is p×n and its rows are the vₗ. Check which index runs over rows and which over columns, and that exactly k terms are kept.",
        "Ak[i][j] = Σ_{l<k} U[i][l]·S[l]·Vt[l][j] です。U は m×p で列が uₗ、Vt は p×n で行が vₗ です。どの添字が行でどれが列か、ちょうど k 項だけ残しているかを確かめましょう。",
      ));
    }

    if (got.storage !== k * (m + n + 1)) {
      if (k > 0 && got.storage === k * m * n) {
        notes.push(text(
          "storage = k·m·n counts a whole m×n matrix per kept value. The factored form stores k columns of U, k rows of Vᵀ and k singular values: k(m+n+1).",
          "storage = k·m·n では、残す値ごとに m×n 行列をまるごと数えています。分解形で保存するのは U の k 列、Vᵀ の k 行、k 個の特異値なので k(m+n+1) です。",
        ));
      } else if (k > 0 && got.storage === k * (m + n)) {
        notes.push(text(
          "storage = k(m+n) forgets the k singular values themselves: k(m+n+1).",
          "storage = k(m+n) では特異値そのもの k 個を数え忘れています。正しくは k(m+n+1) です。",
        ));
      } else {
        notes.push(text("storage should count k columns of U, k rows of Vᵀ and k singular values: k(m+n+1).",
          "storage は U の k 列、Vᵀ の k 行、k 個の特異値を数えて k(m+n+1) です。"));
      }
    }

    const S = svd(A).S;
    const tail = S.slice(k);
    const want = Math.hypot(...tail);
    if (!near(got.error, want)) {
      if (tail.length > 1 && near(got.error, tail[0]!)) {
        notes.push(text(
          "error equals σ_{k+1} alone, the largest discarded singular value (that is the spectral-norm error ‖A − Ak‖₂). The Frobenius error adds up every discarded value: √(Σ_{i>k} σᵢ²).",
          "error が σ_{k+1} ひとつ(捨てた中で最大の特異値)になっています。これはスペクトルノルム ‖A − Ak‖₂ の誤差です。フロベニウス誤差では捨てた値をすべて使い、√(Σ_{i>k} σᵢ²) となります。",
        ));
      } else if (k > 0 && near(got.error, S[k - 1]!)) {
        notes.push(text(
          "error equals σ_k, the last singular value you kept; the error comes from the discarded ones: √(σ_{k+1}² + σ_{k+2}² + …).",
          "error が σ_k(残した最後の特異値)になっています。誤差は捨てた特異値から √(σ_{k+1}² + σ_{k+2}² + …) として求めます。",
        ));
      } else if (near(got.error, tail.reduce((s, x) => s + x * x, 0))) {
        notes.push(text("error is Σ_{i>k} σᵢ² without the square root.", "error が Σ_{i>k} σᵢ² のままで、平方根を取り忘れています。"));
      } else {
        notes.push(text("error should be √(Σ_{i>k} σᵢ²), from the discarded singular values.",
          "error は捨てた特異値から √(Σ_{i>k} σᵢ²) として求めます。"));
      }
    }
    if (notes.length === 0) return undefined;
    return text(notes.map((t) => t.en).join(" "), notes.map((t) => t.ja).join(" "));
  },
});
