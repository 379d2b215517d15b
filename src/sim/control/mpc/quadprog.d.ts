// Types of the `quadprog` npm package (Goldfarb–Idnani dual active set; Fortran-style 1-based arrays, the
// element 0 of every array unused). It ships none.
declare module 'quadprog' {
  interface QuadprogResult {
    solution: number[];
    Lagrangian: number[];
    value: number[];
    unconstrained_solution: number[];
    iterations: number[];
    iact: number[];
    message: string;
  }
  /** min ½ bᵀ D b − dᵀ b subject to Aᵀ b ≥ b0, the first meq as equalities. D and d are overwritten. */
  type SolveQP = (
    Dmat: number[][],
    dvec: number[],
    Amat: number[][],
    bvec: number[],
    meq?: number,
    factorized?: number[],
  ) => QuadprogResult;
  const quadprog: { solveQP: SolveQP };
  export default quadprog;
}
