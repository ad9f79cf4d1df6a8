// expect: without the square root
// Returns the sum of squares of the tail and forgets the square root.
export function lowRankError(S: number[], k: number): number {
  let sum = 0;
  for (let i = k; i < S.length; i++) sum += S[i]! * S[i]!;
  return sum;
}
