import { describe, expect, it } from 'vitest';
import { newCalls, radioFromEvents, radioFromLog, reportWords } from '../../../src/console/radio';
import { consoleCommand } from '../../../src/console/actions';
import type { SimEvent } from '../../../src/sim/events';
import type { LogEntry } from '../../../src/protocol/session';
import { plantCopy } from '../helpers';

const report = (t_s: number, subject: string, result: 'ok' | 'rejected' = 'ok', detail?: string): SimEvent => ({
  type: 'action',
  t_s,
  command: { type: 'report', subject, ...(detail && { detail }) },
  by: 'trainee',
  result,
});

describe('the radio log from field reports', () => {
  it('words a report as the Report menu does, lower-cased after "Field:"', () => {
    expect(reportWords({ subject: 'withdrawn' }, 'en')).toBe('withdrawn from the hatch');
    expect(reportWords({ subject: 'h2s' }, 'en')).toBe('H2S release at the hatch'); // a tag keeps its capitals
    expect(reportWords({ subject: 'hazard', detail: 'HZ-3' }, 'en')).toBe('hazard (HZ-3)');
    expect(reportWords({ subject: 'withdrawn' }, 'th')).toBe('ถอยออกจากฝาถังแล้ว');
  });

  it('takes the accepted reports from the plant log, newest first', () => {
    const events: SimEvent[] = [
      report(42, 'h2s'),
      { type: 'alarm', t_s: 40, id: 'TK-104.AAHH', tag: 'TK-104', priority: 'critical', state: 'unack', message: 'x' },
      report(41, 'muster', 'rejected'),
      { type: 'action', t_s: 39, command: { type: 'ackAll' }, by: 'trainee', result: 'ok' },
      report(38, 'withdrawn'),
    ];
    const lines = radioFromEvents(events, 'en');
    expect(lines.map((l) => `${l.who}: ${l.text}`)).toEqual([
      'Field: H2S release at the hatch',
      'Field: withdrawn from the hatch',
    ]);
    expect(lines.map((l) => l.t_s)).toEqual([42, 38]);
    expect(radioFromEvents(events, 'th')[1].who).toBe('ภาคสนาม');
  });

  it('names the caller in a shared session, from the station action log', () => {
    const log: LogEntry[] = [
      {
        seq: 7,
        wall: '',
        t_s: 60,
        by: { pid: 'p2', name: 'Anan', role: 'trainee' },
        action: { kind: 'command', command: { type: 'report', subject: 'withdrawn' } },
        ok: true,
      },
      {
        seq: 6,
        wall: '',
        t_s: 55,
        by: { pid: 'p1', name: 'Bee', role: 'trainee' },
        action: { kind: 'command', command: { type: 'setPump', tag: 'P-201A', run: true } },
        ok: true,
      },
      {
        seq: 5,
        wall: '',
        t_s: 50,
        by: { pid: 'p1', name: 'Bee', role: 'trainee' },
        action: { kind: 'command', command: { type: 'report', subject: 'muster' } },
        ok: false,
      },
    ];
    const lines = radioFromLog(log, 'en');
    expect(lines).toHaveLength(1);
    expect(`${lines[0].who}: ${lines[0].text}`).toBe('Field (Anan): withdrawn from the hatch');
  });

  it('counts the calls that are new since the last look', () => {
    const a = radioFromEvents([report(38, 'withdrawn')], 'en');
    const b = radioFromEvents([report(42, 'h2s'), report(38, 'withdrawn')], 'en');
    expect(newCalls([], b)).toBe(2);
    expect(newCalls(a, b)).toBe(1);
    expect(newCalls(b, b)).toBe(0);
    expect(newCalls(b, [])).toBe(0);
  });
});

describe('console presses as plant commands', () => {
  const plant = plantCopy();
  const values: Record<string, number> = { 'TK-101.setpoint': 160, 'TK-101.mpc_valve': 45 };
  const read = (t: string) => values[t] ?? Number.NaN;

  it('steps the selected tank loop set point and output from its latest values', () => {
    expect(consoleCommand({ kind: 'setpointBy', delta_C: 5 }, plant, 'TK-101', read)).toEqual({
      type: 'setSetpoint',
      tag: 'TIC-101',
      value_C: 165,
    });
    expect(consoleCommand({ kind: 'outputBy', delta_pct: 10 }, plant, 'TK-101', read)).toEqual({
      type: 'setOutput',
      tag: 'TIC-101',
      output: 0.55,
    });
    values['TK-101.mpc_valve'] = 95;
    expect(consoleCommand({ kind: 'outputBy', delta_pct: 10 }, plant, 'TK-101', read)).toMatchObject({ output: 1 });
    expect(consoleCommand({ kind: 'mode', mode: 'manual' }, plant, 'TK-101', read)).toEqual({
      type: 'setMode',
      tag: 'TIC-101',
      mode: 'manual',
    });
  });

  it('acknowledges, and sends nothing for a view change or without a tank', () => {
    expect(consoleCommand({ kind: 'ack', id: 'TK-104.AAHH' }, plant, null, read)).toEqual({
      type: 'ackAlarm',
      id: 'TK-104.AAHH',
    });
    expect(consoleCommand({ kind: 'ackAll' }, plant, null, read)).toEqual({ type: 'ackAll' });
    expect(consoleCommand({ kind: 'select', tank: 'TK-102' }, plant, null, read)).toBeNull();
    expect(consoleCommand({ kind: 'setpointBy', delta_C: 1 }, plant, null, read)).toBeNull();
    expect(consoleCommand({ kind: 'setpointBy', delta_C: 1 }, plant, 'TK-102', read)).toBeNull(); // no value yet
  });
});
