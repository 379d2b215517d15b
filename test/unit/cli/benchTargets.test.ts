import { describe, expect, it } from 'vitest';
import { BENCH_TARGETS, targetNote, targetOf } from '../../../src/cli/benchTargets';

describe('bench targets', () => {
  it('a figure is compared with its target, either way round; one with no target gets no note', () => {
    expect(targetNote('sim.realtime_factor', 103_900)).toBe(' (target ≥ 100000: met)');
    expect(targetNote('sim.realtime_factor', 99_500)).toBe(' (target ≥ 100000: NOT MET)');
    expect(targetNote('app.first_frame_ms', 3000)).toBe(' (target ≤ 3000: met)');
    expect(targetNote('app.first_frame_ms', 3001)).toBe(' (target ≤ 3000: NOT MET)');
    expect(targetNote('sim.step_us', 10)).toBe('');
  });

  it('`*` stands for one part of the name (a back-end, a broker), never for several', () => {
    expect(targetOf('historian.query_30d_ms.sqlite')?.value).toBe(200);
    expect(targetOf('session.fault_to_trainee_ms.mosquitto.p99')?.value).toBe(200);
    expect(targetOf('session.fault_to_trainee_ms.mosquitto.p50')).toBeUndefined();
    expect(targetOf('historian.query_30d_1m_ms.sqlite')).toBeUndefined();
    expect(targetOf('bridge.tag_to_screen_p99_ms')).toBeUndefined(); // the back-end part is required
  });

  it('every target names a figure the benchmark prints', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = 'src/cli';
    const source = readdirSync(dir)
      .filter((f) => f.startsWith('bench') && f !== 'benchTargets.ts')
      .map((f) => readFileSync(`${dir}/${f}`, 'utf8'))
      .join('\n');
    for (const t of BENCH_TARGETS) {
      const stem = t.name.split('.*')[0];
      expect(source, t.name).toContain(stem);
    }
  });
});
