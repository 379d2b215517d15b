import { describe, expect, it } from 'vitest';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../src/worker/engine';
import { defaultPlantRaw } from '../../../src/sim/plant/default';
import { contentHash } from '../../../src/sim/contentHash';
import { newRecord } from '../../../src/app/trainingRecord';
import { verifyRecord } from '../../../src/records/verify';
import type { RunRecord } from '../../../src/records/schema';
import type { Command } from '../../../src/sim/commands';
import { main } from '../../../src/cli/sim';

// A record holds everything to replay its run; --verify replays it and confirms or refutes the score.

const scenarioRaw = () => JSON.parse(readFileSync('scenarios/h2s-hatch.json', 'utf8')) as unknown;
const good = JSON.parse(readFileSync('test/scenarios/h2s-hatch.good.json', 'utf8')) as {
  t_s: number;
  command: Command;
}[];

/** A run the way the page makes one: the worker's engine, commands between steps, the record kept. */
async function recordedRun(by: 'trainee' | 'automation' = 'trainee'): Promise<{ rec: RunRecord; e: Engine }> {
  const e = new Engine();
  await e.init(defaultPlantRaw, { physics: false });
  const r = e.startScenario(scenarioRaw(), 'run-1');
  if (!r.ok) throw new Error(r.message);
  const rec = newRecord({
    runId: 'run-1',
    trainee: 'A. Trainee',
    scenario: r.scenario,
    scenarioHash: contentHash(r.scenario),
    plantName: e.sim.model.plant.name,
    plantHash: contentHash(e.info().plant),
    seed: 1,
    automation: by === 'automation',
    at: new Date(0),
    home: 'http://localhost',
  });
  let next = 0;
  while (!e.scenario.ended) {
    while (next < good.length && good[next].t_s <= e.sim.state.t_s) e.command(good[next++].command, by);
    e.stepOnce();
  }
  rec.status = 'ended';
  rec.events = structuredClone(e.sim.state.events);
  rec.result = e.scenario.run!.result();
  return { rec: JSON.parse(JSON.stringify(rec)) as RunRecord, e };
}

describe('verifying a record', () => {
  it('confirms the score of a recorded run, and names plant, scenario and seed', async () => {
    const { rec, e } = await recordedRun();
    expect(rec.plantHash).toBe(contentHash(e.info().plant));
    expect(rec.scenarioHash).toMatch(/^[0-9a-f]{16}$/);
    expect(rec.seed).toBe(1);
    expect(rec.result?.pass).toBe(true);
    const v = verifyRecord(rec, e.info().plant, scenarioRaw());
    expect(v.verdict).toBe('confirmed');
    expect(v.replayed?.score).toBe(rec.result?.score);
  });

  it('refutes an altered score and an altered action list', async () => {
    const { rec, e } = await recordedRun();
    const plant = e.info().plant;
    const higher = structuredClone(rec);
    higher.result!.score =
      Math.min(100, higher.result!.score + 10) === higher.result!.score ? 50 : higher.result!.score + 10;
    expect(verifyRecord(higher, plant, scenarioRaw()).verdict).toBe('refuted');
    // the alarm acknowledged later than it was: the replay ends later
    const later = structuredClone(rec);
    const ack = later.events.find((x) => x.type === 'action' && x.command.type === 'ackAlarm')!;
    ack.t_s += 30;
    expect(verifyRecord(later, plant, scenarioRaw()).verdict).toBe('refuted');
  });

  it('cannot verify a backtracked run, another scenario version or an older record', async () => {
    const { rec, e } = await recordedRun();
    const plant = e.info().plant;
    const back = { ...rec, backtracks: [{ from_s: 300, to_s: 240, at: '' }] };
    expect(verifyRecord(back, plant, scenarioRaw()).message).toMatch(/backtracked/);
    const edited = scenarioRaw() as { timeLimit_s: number };
    edited.timeLimit_s += 1;
    expect(verifyRecord(rec, plant, edited).verdict).toBe('unverifiable');
    expect(verifyRecord({ ...rec, plantHash: '' }, plant, scenarioRaw()).verdict).toBe('unverifiable');
  });

  it('automation commands are logged as automation, replayed as such, and still confirm', async () => {
    const { rec, e } = await recordedRun('automation');
    const actions = rec.events.filter((x) => x.type === 'action' && x.by !== 'scenario');
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((x) => x.type === 'action' && x.by === 'automation')).toBe(true);
    expect(rec.automation).toBe(true);
    expect(verifyRecord(rec, e.info().plant, scenarioRaw()).verdict).toBe('confirmed');
  });

  it('npm run sim -- --verify RECORD.json: exit 0 confirmed, 3 refuted', async () => {
    const { rec } = await recordedRun();
    const dir = mkdtempSync(join(tmpdir(), 'tt-verify-'));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(rec));
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify([{ ...rec, result: { ...rec.result, pass: !rec.result!.pass } }]),
    );
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
    try {
      expect(main(['--verify', join(dir, 'ok.json')])).toBe(0);
      expect(main(['--verify', join(dir, 'bad.json')])).toBe(3);
    } finally {
      process.stdout.write = write;
    }
    expect(out[0]).toMatch(/run-1 h2s-hatch A\. Trainee: confirmed/);
    expect(out[1]).toMatch(/refuted/);
  });
});
