import { describe, expect, it } from 'vitest';
import { Matrix, inverse } from 'ml-matrix';
import { Ukf } from '../../../src/estimate/ukf';

// On a linear system the unscented transform is exact, so the UKF must give the Kalman filter's numbers.

describe('unscented Kalman filter', () => {
  it('a scalar random walk gives the hand-worked Kalman numbers', () => {
    // x0 = 0, P0 = 1; predict with Q = 1 → P = 2; measure y = 3 with R = 2 → K = 0.5, x = 1.5, P = 1
    const f = new Ukf([0], Matrix.eye(1));
    f.predict(() => {}, [1]);
    expect(f.variance(0)).toBeCloseTo(2, 12);
    const r = f.update((x, _ks, out) => (out[0] = x[0]), [0], [3], [2]);
    expect(r[0].r).toBeCloseTo(3, 12);
    expect(r[0].sd).toBeCloseTo(2, 12); // √(P + R) = √4
    expect(f.x[0]).toBeCloseTo(1.5, 12);
    expect(f.variance(0)).toBeCloseTo(1, 12);
  });

  it('a constant-velocity system matches the closed-form Kalman filter step for step', () => {
    const dt = 2;
    const F = new Matrix([
      [1, dt],
      [0, 1],
    ]);
    const H = new Matrix([[1, 0]]);
    const Q = [0.1, 0.05];
    const Rv = 0.5;
    const ys = [1.1, 2.3, 2.9, 4.4, 5.2, 5.8, 7.1, 8.3];
    // closed form
    let x = new Matrix([[0], [0]]);
    let P = Matrix.diag([4, 1]);
    const kf: { x: number[]; P: number[][] }[] = [];
    for (const y of ys) {
      x = F.mmul(x);
      P = F.mmul(P).mmul(F.transpose()).add(Matrix.diag(Q));
      const S = H.mmul(P)
        .mmul(H.transpose())
        .add(new Matrix([[Rv]]));
      const K = P.mmul(H.transpose()).mmul(inverse(S));
      x = x.add(K.mmul(new Matrix([[y]]).sub(H.mmul(x))));
      P = Matrix.eye(2).sub(K.mmul(H)).mmul(P);
      kf.push({ x: x.to1DArray(), P: P.to2DArray() });
    }
    // the UKF with the same model, through process and measurement functions
    const u = new Ukf([0, 0], Matrix.diag([4, 1]), { alpha: 0.5, beta: 2, kappa: 0 });
    ys.forEach((y, k) => {
      u.predict((s) => {
        s[0] += dt * s[1];
      }, Q);
      u.update((s, _ks, out) => (out[0] = s[0]), [0], [y], [Rv]);
      expect(u.x[0]).toBeCloseTo(kf[k].x[0], 10);
      expect(u.x[1]).toBeCloseTo(kf[k].x[1], 10);
      const Pu = u.P.to2DArray();
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(Pu[i][j]).toBeCloseTo(kf[k].P[i][j], 10);
    });
    // and the numbers moved: not a filter that ignores its measurements
    expect(kf[ys.length - 1].x[1]).toBeGreaterThan(0.3);
  });

  it('reports but does not use a measurement beyond the gate', () => {
    const f = new Ukf([0], Matrix.eye(1));
    const r = f.update((x, _ks, out) => (out[0] = x[0]), [7], [100], [1], 6);
    expect(r).toEqual([{ k: 7, r: 100, sd: Math.SQRT2, used: false }]);
    expect(f.x[0]).toBe(0);
    expect(f.variance(0)).toBe(1);
  });

  it('gives the mean and sd of a function of the state (unscented transform)', () => {
    const f = new Ukf([1, 2], Matrix.diag([0.04, 0.09]));
    const t = f.transform((x) => 3 * x[0] - x[1]);
    expect(t.mean).toBeCloseTo(1, 12);
    expect(t.sd).toBeCloseTo(Math.sqrt(9 * 0.04 + 0.09), 12);
  });
});
