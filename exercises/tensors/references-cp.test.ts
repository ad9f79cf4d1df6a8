import { describe, expect, it } from "vitest";
import { createRng } from "../../graders/content";
import { einsum, type Tensor } from "./einsum/reference";
import { cpReconstruct, modeProduct } from "./cp-reconstruct/reference";

/**
 * CP reconstruction and the mode product against the einsum exercise's reference: "r,ir,jr,kr->ijk" and
 * "ijk,pi->pjk" (and the same for modes 1 and 2). Plus: a Tucker product with identity factors returns the core.
 */
const mat = (M: number[][]): Tensor => ({ shape: [M.length, M[0]!.length], data: M.flat() });

function expectSame(a: Tensor, b: Tensor): void {
  expect(a.shape).toEqual(b.shape);
  a.data.forEach((v, i) => expect(Math.abs(v - b.data[i]!)).toBeLessThan(1e-12 * (1 + Math.abs(b.data[i]!))));
}

describe("cp-reconstruct reference", () => {
  it("cpReconstruct equals einsum('r,ir,jr,kr->ijk')", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRng(seed, "cp");
      const [R, I, J, K] = [rng.int(1, 5), rng.int(1, 6), rng.int(1, 6), rng.int(1, 6)];
      const [w, A, B, C] = [rng.vector(R), rng.matrix(I, R), rng.matrix(J, R), rng.matrix(K, R)];
      expectSame(cpReconstruct(w, A, B, C), einsum("r,ir,jr,kr->ijk", { shape: [R], data: w }, mat(A), mat(B), mat(C)));
    }
  });

  it("modeProduct equals the einsum contraction of the chosen axis, for modes 0, 1 and 2", () => {
    const specs = ["ijk,pi->pjk", "ijk,pj->ipk", "ijk,pk->ijp"];
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRng(seed, "mode");
      const shape = [rng.int(1, 5), rng.int(1, 5), rng.int(1, 5)];
      const X: Tensor = { shape, data: rng.vector(shape[0]! * shape[1]! * shape[2]!) };
      for (const mode of [0, 1, 2] as const) {
        const Mx = rng.matrix(rng.int(1, 5), shape[mode]!);
        expectSame(modeProduct(X, Mx, mode), einsum(specs[mode]!, X, mat(Mx)));
      }
    }
  });

  it("a Tucker product with identity factors returns the core, and CP equals Tucker with a superdiagonal core", () => {
    const rng = createRng(2, "tucker");
    const R = 3;
    const [I, J, K] = [4, 5, 6];
    const [w, A, B, C] = [rng.vector(R), rng.matrix(I, R), rng.matrix(J, R), rng.matrix(K, R)];
    const core: Tensor = { shape: [R, R, R], data: new Array<number>(R * R * R).fill(0) };
    w.forEach((v, r) => (core.data[(r * R + r) * R + r] = v));
    const eye = (n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)));
    expectSame(modeProduct(modeProduct(modeProduct(core, eye(R), 0), eye(R), 1), eye(R), 2), core);
    expectSame(modeProduct(modeProduct(modeProduct(core, A, 0), B, 1), C, 2), cpReconstruct(w, A, B, C));
  });
});
