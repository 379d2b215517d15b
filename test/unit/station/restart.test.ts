import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Station } from '../../../src/station/station';
import { Participant } from '../../../src/station/participant';
import { waitFor } from '../waitFor';
import type { Snapshot } from '../../../src/sim/snapshot';
import { createSession, frameTime, startStation, tempDir } from './harness';

// A station that stops without warning resumes each session from the snapshot it wrote at the last plant
// minute; the library of initial conditions starts a new session from a saved state.

const tmp = tempDir('tanktwin-restart-');
const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of open.reverse()) await o.close().catch(() => {});
  tmp.remove();
});

function savedTime(dir: string, sid: string): number {
  const p = join(dir, 'sessions', sid, 'snapshot.json');
  if (!existsSync(p)) return -1;
  try {
    return (JSON.parse(readFileSync(p, 'utf8')) as { snapshot: Snapshot }).snapshot.state.t_s;
  } catch {
    return -1; // being replaced right now
  }
}

describe('station restart and initial conditions', () => {
  it('resumes a session from its last snapshot after a stop with nothing saved on the way out', async () => {
    const a: Station = await startStation(tmp.dir);
    const s = await createSession(a, { name: 'Night shift', speed: 1000 });
    const ins = await Participant.join({ station: a.url, code: s.codes.instructor, name: 'Instructor' });
    expect((await ins.act({ kind: 'fault', op: 'inject', fault: { kind: 'heaterFlameFailure' } }, 'control')).ok).toBe(
      true,
    );
    await waitFor(() => (ins.state?.faults.length ?? 0) > 0, 'the fault');
    const since = ins.state!.faults[0].since_s;
    await waitFor(() => savedTime(tmp.dir, s.id) >= since + 120, 'two plant minutes after the fault on disk');
    expect((await ins.act({ kind: 'clock', op: 'pause' }, 'control')).ok).toBe(true);
    await ins.close();
    await a.close({ save: false }); // as if the process had been killed
    const saved = savedTime(tmp.dir, s.id);

    const b = await startStation(tmp.dir);
    open.push(b);
    expect(b.sessions.has(s.id)).toBe(true);
    const tr = await Participant.join({ station: b.url, code: s.codes.trainee, name: 'Trainee' });
    open.push(tr);
    await waitFor(() => tr.frame !== null && tr.state !== null, 'the resumed plant');
    expect(frameTime(tr.frame)).toBeGreaterThanOrEqual(saved);
    expect(tr.state!.faults.map((f) => f.fault.kind)).toContain('heaterFlameFailure');
    expect(tr.state!.speed).toBe(1000);
  });

  it('saves the current state as a named initial condition and starts a new session from it', async () => {
    const st = [...open].find((o) => 'sessions' in o) as Station;
    const [sid] = st.sessions.keys();
    const meta = st.sessions.get(sid)!.meta;
    const ins = await Participant.join({ station: st.url, code: meta.codes.instructor, name: 'Instructor' });
    open.push(ins);
    await waitFor(() => ins.frame !== null, 'a frame');
    const t = frameTime(ins.frame);
    expect((await ins.act({ kind: 'ic', op: 'save', name: 'hot-tanks' }, 'control')).ok).toBe(true);
    const desc = (await (await fetch(`${st.url}/api/station`)).json()) as { ics: string[] };
    expect(desc.ics).toContain('hot-tanks');
    const s2 = await createSession(st, { name: 'From IC', ic: 'hot-tanks' });
    const tr = await Participant.join({ station: st.url, code: s2.codes.trainee, name: 'T2' });
    open.push(tr);
    await waitFor(() => tr.frame !== null, 'a frame');
    expect(frameTime(tr.frame)).toBeGreaterThanOrEqual(t);
    const bad = await fetch(`${st.url}/api/sessions`, {
      method: 'POST',
      body: JSON.stringify({ name: 'x', ic: 'none-such' }),
    });
    expect(bad.status).toBe(400);
  });
});
