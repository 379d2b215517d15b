// quadprog (npm) ships no types: its one function, as the package's README documents it. Goldfarb–Idnani
// dual active set: min ½xᵀDx − dᵀx subject to Aᵀx ≥ b (the first meq as equalities); every array 1-based
// (index 0 unused), Amat n × q with one column per constraint.
declare module 'quadprog' {
  export interface QpResult {
    solution: number[];
    value: number[];
    unconstrained_solution: number[];
    iterations: number[];
    iact: number[];
    Lagrangian: number[];
    message: string;
  }
  export function solveQP(
    Dmat: number[][],
    dvec: number[],
    Amat: number[][],
    bvec: number[],
    meq?: number,
    factorized?: number[],
  ): QpResult;
  const quadprog: { solveQP: typeof solveQP };
  export default quadprog;
}
