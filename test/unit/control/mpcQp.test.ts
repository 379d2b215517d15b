import { describe, expect, it } from 'vitest';
import { QpWorkspace, solveQp } from '../../../src/sim/control/mpc/qp';

// The QP wrapper against small problems worked by hand (0-based rows, A x ≥ b, ½xᵀHx + fᵀx).

describe('solveQp (quadprog, Goldfarb–Idnani)', () => {
  it('min (x1 − 1)² + (x2 − 2.5)² under three half-planes and x ≥ 0: (1.4, 1.7), value −6.45', () => {
    // H = 2I, f = (−2, −5). The unconstrained optimum (1, 2.5) breaks x1 − 2x2 ≥ −2 (1 − 5 = −4); its
    // projection onto that line is (1, 2.5) + λ(1, −2) with −4 + 5λ = −2: λ = 0.4, x = (1.4, 1.7), where
    // −x1 − 2x2 + 6 = 1.2 and −x1 + 2x2 + 2 = 4 still hold. Value ½xᵀHx + fᵀx = 1.96 + 2.89 − 2.8 − 8.5.
    const w = new QpWorkspace(2, 5);
    w.H.set([2, 0, 0, 2]);
    w.f.set([-2, -5]);
    w.A.set([1, -2, -1, -2, -1, 2, 1, 0, 0, 1]);
    w.b.set([-2, -6, -2, 0, 0]);
    const r = solveQp(w);
    expect(r.ok, r.message).toBe(true);
    expect(r.x[0]).toBeCloseTo(1.4, 12);
    expect(r.x[1]).toBeCloseTo(1.7, 12);
    expect(r.value).toBeCloseTo(-6.45, 12);
    // the same workspace solves again to the same answer (the solver overwrites its own copies only)
    const again = solveQp(w);
    expect(again.x[0]).toBeCloseTo(1.4, 12);
  });

  it('an equality: min x1² + x2² with x1 + x2 = 1 gives (0.5, 0.5)', () => {
    const w = new QpWorkspace(2, 1);
    w.H.set([2, 0, 0, 2]);
    w.A.set([1, 1]);
    w.b.set([1]);
    w.meq = 1;
    const r = solveQp(w);
    expect(r.ok).toBe(true);
    expect(r.x[0]).toBeCloseTo(0.5, 12);
    expect(r.x[1]).toBeCloseTo(0.5, 12);
    expect(r.value).toBeCloseTo(0.5, 12);
  });

  it('reports inconsistent constraints (x ≥ 1 and −x ≥ 0) as infeasible instead of throwing', () => {
    const w = new QpWorkspace(1, 2);
    w.H.set([1]);
    w.A.set([1, -1]);
    w.b.set([1, 0]);
    const r = solveQp(w);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/infeasible/);
  });

  it('reports a Hessian that is not positive definite', () => {
    const w = new QpWorkspace(2, 1);
    w.H.set([1, 2, 2, 1]); // eigenvalues 3 and −1
    w.A.set([1, 0]);
    w.b.set([0]);
    const r = solveQp(w);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/positive definite/);
  });
});
