import { describe, expect, it, vi } from 'vitest';
import { migrateRecord, RECORD_VERSION } from '../../../src/records/schema';
import { endpointProblem, sendToLrs, statement, PLANT_EXT } from '../../../src/records/xapi';
import { nextBackoff, RETRY_MAX_MS, RETRY_MIN_MS } from '../../../src/records/lrs';
import { automationMode } from '../../../src/app/automationMode';

describe('record versions', () => {
  const v1 = {
    runId: 'r1',
    trainee: 'T',
    scenarioId: 'h2s-hatch',
    scenarioVersion: '1.0',
    title: 'H2S',
    startedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    status: 'ended',
    events: [],
    result: null,
    statements: [],
    snapshot: { plantName: 'Demo terminal' },
  };
  it('migrates a version-1 record (no version field) to the current version', () => {
    const r = migrateRecord(structuredClone(v1));
    expect(r.schemaVersion).toBe(RECORD_VERSION);
    expect(r).toMatchObject({ plantName: 'Demo terminal', plantHash: '', scenarioHash: '', seed: 1, backtracks: [] });
    expect(r.hints).toEqual([]);
    expect(r.automation).toBe(false);
  });
  it('leaves a current record as it is and refuses one from a newer app', () => {
    const cur = migrateRecord(structuredClone(v1));
    expect(migrateRecord(structuredClone(cur))).toEqual(cur);
    expect(() => migrateRecord({ ...cur, schemaVersion: 99 })).toThrow(/version 99, newer than this app/);
    expect(() => migrateRecord(null)).toThrow(/not a training record/);
  });
});

describe('learning record store', () => {
  it('sends Basic auth only over https, or over http to this machine', async () => {
    expect(endpointProblem('https://lrs.example.com/xapi/')).toBeNull();
    expect(endpointProblem('http://localhost:8080/xapi/')).toBeNull();
    expect(endpointProblem('http://lrs.example.com/xapi/')).toMatch(/https/);
    expect(endpointProblem('not a url')).toMatch(/not a URL/);
    const fetchFn = vi.fn();
    await expect(
      sendToLrs([], { endpoint: 'http://lrs.example.com/xapi/', username: 'u', password: 'p' }, fetchFn),
    ).rejects.toThrow(/https/);
    expect(fetchFn).not.toHaveBeenCalled();
  });
  it('statements name the plant the run was on', () => {
    const s = statement(
      'launched',
      { runId: 'r', trainee: 't', scenarioId: 's', scenarioVersion: '1', title: 'x', plantName: 'P', plantHash: 'h' },
      'http://localhost',
      new Date(0),
    );
    expect(s.context.extensions[`${PLANT_EXT}name`]).toBe('P');
    expect(s.context.extensions[`${PLANT_EXT}hash`]).toBe('h');
  });
  it('backs off from 5 s, doubling to 10 min', () => {
    let ms = RETRY_MIN_MS;
    const seen = [ms];
    for (let i = 0; i < 10; i++) seen.push((ms = nextBackoff(ms)));
    expect(seen.slice(0, 4)).toEqual([5000, 10000, 20000, 40000]);
    expect(seen.at(-1)).toBe(RETRY_MAX_MS);
  });
});

describe('automation mode', () => {
  it('is on for localhost or an explicit ?automation=1, off for a trainee page', () => {
    expect(automationMode({ hostname: 'localhost', search: '' })).toBe(true);
    expect(automationMode({ hostname: 'training.example.com', search: '?automation=1' })).toBe(true);
    expect(automationMode({ hostname: 'training.example.com', search: '' })).toBe(false);
    expect(automationMode({ hostname: '127.0.0.1', search: '?automation=0' })).toBe(false);
  });
});

describe('record canonical form', async () => {
  const { recordCanonical, recordHash } = await import('../../../src/records/canonical');
  const { migrateRecord } = await import('../../../src/records/schema');
  const base = migrateRecord({
    runId: 'r',
    trainee: 'T',
    scenarioId: 's',
    scenarioVersion: '1',
    title: 't',
    startedAt: 'a',
    updatedAt: 'b',
    status: 'ended',
    events: [],
    result: null,
    statements: [],
    snapshot: null,
  });
  it('is the same whatever the key order, the resume snapshot or the last write time', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
    expect(recordCanonical(reordered)).toBe(recordCanonical(base));
    expect(recordHash({ ...base, updatedAt: 'later', sentAt: 'x' })).toBe(recordHash(base));
  });
  it('changes with the evidence', () => {
    expect(recordHash({ ...base, trainee: 'U' })).not.toBe(recordHash(base));
    expect(recordCanonical(base)).not.toContain('snapshot');
  });
});
