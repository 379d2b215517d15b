import { test, expect, type Page } from '@playwright/test';
import { answerH2sHatch, openApp, shot, tt } from './helpers';
import { recordHash } from '../../src/records/canonical';
import type { RunRecord } from '../../src/records/schema';

// A trainee's progress across runs: two abandoned tries and a pass of the short H2S scenario, then the
// worded timeline, the history (score trend, repeated mistakes), the certificate (on screen and as printed)
// and the group's progress in the Records panel. Plant time is stepped, never waited for.

const TRAINEE = 'Somchai K.';

async function startRun(page: Page): Promise<void> {
  if (!(await page.getByTestId('trainee').isVisible())) await page.getByTestId('open-training').click();
  await page.getByTestId('trainee').fill(TRAINEE);
  await page.locator('[data-scenario="h2s-hatch"] button').click();
  await page.getByTestId('begin').click();
  await expect(page.getByTestId('scenario-hud')).toBeVisible();
}

async function abandonRun(page: Page): Promise<void> {
  await startRun(page);
  await page.getByTestId('scenario-hud').getByRole('button', { name: 'Abandon' }).click();
  await expect(page.getByTestId('verdict')).toContainText('FAILED');
  await page.getByTestId('close-debrief').click();
  await expect(page.getByTestId('debrief')).toHaveCount(0);
}

/** As training.spec.ts: withdraw, report the gas and acknowledge its alarm once it is raised. */
async function passRun(page: Page): Promise<void> {
  await startRun(page);
  await answerH2sHatch(page);
  await expect(page.getByTestId('verdict')).toContainText('PASSED');
}

test('the debrief in words, the trainee history across runs, a certificate and the group progress', async ({
  page,
}) => {
  await openApp(page);
  await abandonRun(page);
  await abandonRun(page);
  await passRun(page);

  // the timeline reads as words, not as commands
  const timeline = page.getByTestId('debrief-timeline');
  await expect(timeline).toContainText('Reported: withdrawn from the hatch');
  await expect(timeline).toContainText('Reported: H2S release at the hatch');
  await expect(timeline).toContainText('Acknowledged TK-104.AAHH');
  await expect(timeline).toContainText(/Alarm: \S/);
  await expect(timeline).not.toContainText('{');
  await expect(timeline).not.toContainText('"subject"');
  await timeline.scrollIntoViewIfNeeded();
  await shot(page, 'debrief-01-timeline');

  // the same in Thai
  await page.getByRole('button', { name: 'ภาษาไทย' }).click();
  await expect(timeline).toContainText('รายงาน: ถอยออกจากฝาถังแล้ว');
  await expect(timeline).not.toContainText('Reported');
  await shot(page, 'debrief-02-timeline-thai');
  await page.getByRole('button', { name: 'English' }).click();

  // the history: three runs of this scenario, the pass last; the steps missed in both abandoned runs repeat
  await page.getByTestId('open-history').click();
  const history = page.getByTestId('trainee-history');
  await expect(history).toBeVisible();
  const row = history.locator('tr[data-scenario="h2s-hatch"]');
  const scores = (await row.getByTestId('sparkline').getAttribute('data-scores'))!.split(',').map(Number);
  expect(scores).toHaveLength(3);
  expect(scores[2]).toBe(100);
  expect(scores[0]).toBeLessThan(70);
  expect(scores[1]).toBeLessThan(70);
  const repeated = history.getByTestId('repeated-mistakes');
  await expect(repeated.locator('tr[data-kind="missed"][data-runs="2"]').first()).toBeVisible();
  await expect(repeated).toContainText('Step missed');
  await history.scrollIntoViewIfNeeded();
  await shot(page, 'debrief-03-history');

  // the certificate: from the record, with a hash anyone holding the record can recompute
  await page.getByTestId('open-certificate').click();
  const cert = page.getByTestId('certificate');
  await expect(cert).toBeVisible();
  await expect(page.getByTestId('certificate-trainee')).toHaveText(TRAINEE);
  await expect(page.getByTestId('certificate-scenario')).toContainText('(version');
  await expect(page.getByTestId('certificate-score')).toHaveText('100 / 100 (pass mark 70)');
  const runId = (await cert.getAttribute('data-run'))!;
  const hash = (await cert.getAttribute('data-hash'))!;
  const records = await tt<RunRecord[]>(page, 'tanktwin.records()');
  const record = records.find((r) => r.runId === runId)!;
  expect(record.trainee).toBe(TRAINEE);
  expect(hash).toBe(recordHash(record));
  await expect(page.getByTestId('certificate-date')).toHaveAttribute('data-date', record.startedAt.slice(0, 10));
  await shot(page, 'debrief-04-certificate');
  // printed: the certificate alone, without the page or its buttons
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('certificate-print')).toBeHidden();
  await shot(page, 'debrief-05-certificate-print');
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('certificate-close').click();
  await expect(cert).toHaveCount(0);

  // the group's progress from the stored records
  await page.getByTestId('close-debrief').click();
  await page.getByTestId('open-records').click();
  await page.getByTestId('records-group').click();
  const group = page.getByTestId('group-progress');
  const mine = group.locator(`tr[data-trainee="${TRAINEE}"] td[data-scenario="h2s-hatch"]`);
  await expect(mine).toHaveText('✓ 100 (3×)');
  await expect(group.getByTestId('repeated-mistakes')).toContainText(TRAINEE);
  await group.scrollIntoViewIfNeeded();
  await shot(page, 'debrief-06-group');
});
