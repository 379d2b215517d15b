import { describe, expect, it } from 'vitest';
import { certificateOf } from '../../../src/ui/debrief/certificate';
import { recordHash } from '../../../src/records/canonical';
import { run } from './fixtures';

describe('the certificate of completion', () => {
  const passed = run({ runId: 'run-7', trainee: ' Somchai K. ', date: '2026-03-03T23:30:00Z', score: 85 });

  it('states who, what, when, the score and the pass mark from the record', () => {
    expect(certificateOf(passed)).toEqual({
      trainee: 'Somchai K.',
      scenarioId: 'h2s-hatch',
      title: 'H2S at the hatch',
      version: '1.2',
      date: '2026-03-03',
      score: 85,
      passMark: 70,
      plantName: 'Demo terminal',
      runId: 'run-7',
      hash: recordHash(passed),
    });
  });

  it('carries a hash that changes when the evidence changes, and not when it is only re-sent', () => {
    const hash = certificateOf(passed)!.hash;
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(certificateOf({ ...passed, sentAt: '2026-03-04T00:00:00Z', updatedAt: 'later' })!.hash).toBe(hash);
    const altered = { ...passed, result: { ...passed.result!, score: 95 } };
    expect(certificateOf(altered)!.hash).not.toBe(hash);
  });

  it('is not given for a failed or unfinished run', () => {
    expect(certificateOf(run({ runId: 'f', trainee: 'A', date: '2026-03-01T00:00:00Z', score: 40 }))).toBeNull();
    expect(
      certificateOf(run({ runId: 'u', trainee: 'A', date: '2026-03-01T00:00:00Z', score: 90, status: 'running' })),
    ).toBeNull();
  });
});
