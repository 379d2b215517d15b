import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Certificate, certificateDate } from '../../../src/ui/debrief/Certificate';
import { TraineeHistory } from '../../../src/ui/debrief/TraineeHistory';
import { GroupProgressView } from '../../../src/ui/instructor/GroupProgressView';
import { certificateOf } from '../../../src/ui/debrief/certificate';
import { fromRunRecord, uniqueRuns } from '../../../src/ui/debrief/history';
import { run } from './fixtures';

// The views drawn once to markup (no browser, so in English): every fact reaches the page.

const RECORDS = [
  run({ runId: 'a', trainee: 'Somchai K.', date: '2026-03-01T09:00:00Z', score: 40, missed: ['ack'] }),
  run({ runId: 'b', trainee: 'Somchai K.', date: '2026-03-02T09:00:00Z', score: 55, missed: ['ack'] }),
  run({ runId: 'c', trainee: 'Somchai K.', date: '2026-03-03T09:00:00Z', score: 90 }),
  run({ runId: 'd', trainee: 'Anong P.', date: '2026-03-03T10:00:00Z', score: 30, missed: ['ack'] }),
];
const RUNS = uniqueRuns(RECORDS.map(fromRunRecord));

describe('the debrief views', () => {
  it('prints the certificate with every fact from the record', () => {
    const data = certificateOf(RECORDS[2])!;
    const html = renderToStaticMarkup(createElement(Certificate, { data, onClose: () => {} }));
    for (const s of ['Certificate of completion', 'Somchai K.', 'H2S at the hatch', 'version 1.2', '90 / 100'])
      expect(html).toContain(s);
    expect(html).toContain('3 March 2026');
    expect(html).toContain(data.hash);
    expect(html).toContain('>c<');
    expect(certificateDate('2026-03-03', 'th')).toMatch(/มีนาคม/);
  });

  it("draws a trainee's trend and the mistakes that repeat", () => {
    const html = renderToStaticMarkup(createElement(TraineeHistory, { runs: RUNS, trainee: 'somchai k.' }));
    expect(html).toContain('data-scores="40,55,90"');
    expect(html).toContain('Step missed: step ack');
    expect(html).toContain('data-runs="2"');
    expect(html).not.toContain('Anong');
  });

  it("draws the group's table and its shared mistakes", () => {
    const html = renderToStaticMarkup(createElement(GroupProgressView, { local: RUNS }));
    expect(html).toContain('✓ 90 (3×)');
    expect(html).toContain('✗ 30 (1×)');
    expect(html).toContain('Somchai K., Anong P.');
  });
});
