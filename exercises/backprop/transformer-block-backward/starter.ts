export interface BlockParams {
  WQ: number[][];
  WK: number[][];
  WV: number[][];
  WO: number[][];
  gamma: number[];
  beta: number[];
}

export interface BlockGrads {
  dx: number[][];
  dWQ: number[][];
  dWK: number[][];
  dWV: number[][];
  dWO: number[][];
  dgamma: number[];
  dbeta: number[];
}

const zerosLike = (M: number[][]): number[][] => M.map((row) => row.map(() => 0));

export function blockBackward(x: number[][], params: BlockParams, dOut: number[][]): BlockGrads {
  // TODO: recompute the forward pass out = LayerNorm(x + softmax(QKᵀ/√d_k) V W_O) (eps = 1e-5), then
  //   backpropagate dOut through LayerNorm, W_O, attention, the three projections and the residual.
  void dOut;
  return {
    dx: zerosLike(x),
    dWQ: zerosLike(params.WQ),
    dWK: zerosLike(params.WK),
    dWV: zerosLike(params.WV),
    dWO: zerosLike(params.WO),
    dgamma: params.gamma.map(() => 0),
    dbeta: params.beta.map(() => 0),
  };
}
