/** A correct softmax as a learner would type it into the editor (the flows of several browser tests submit it). */
export const CORRECT_SOFTMAX = `export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
`;
