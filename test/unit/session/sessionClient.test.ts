import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Station } from '../../../src/station/station';
import type { Joined } from '../../../src/protocol/session';
import { SessionClient } from '../../../src/session/SessionClient';
import { createSession, startStation, tempDir } from '../station/harness';
import { waitFor } from '../waitFor';

// The page's session connection against a real station (embedded broker, one plant thread): it mirrors the
// plant, takes actions with the station's replies, hears the instructor and sees the others' presence.

async function join(st: Station, code: string, name: string, device: 'vr' | 'desktop'): Promise<SessionClient> {
  const r = await fetch(`${st.url}/api/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, name, device }),
  });
  const c = new SessionClient((await r.json()) as Joined, name, device);
  await c.start();
  return c;
}

describe('a session connection', () => {
  const tmp = tempDir('tanktwin-session-client-');
  let st: Station;
  let ins: SessionClient, vr: SessionClient, desk: SessionClient;

  beforeAll(async () => {
    st = await startStation(tmp.dir);
    const s = await createSession(st, { name: 'drill', scenario: 'load-tanker' });
    ins = await join(st, s.codes.instructor, 'Anan', 'desktop');
    vr = await join(st, s.codes.trainee, 'Somchai', 'vr');
    desk = await join(st, s.codes.trainee, 'Malee', 'desktop');
  }, 60_000);

  afterAll(async () => {
    for (const c of [ins, vr, desk]) c?.close();
    await st?.close();
    tmp.remove();
  });

  it('mirrors the plant at once on joining: its description, frames and the scenario', async () => {
    expect(vr.info?.tags.length).toBeGreaterThan(10);
    await waitFor(() => vr.frames > 0 && vr.store.getState().training !== null, 'a frame and the scenario');
    expect(vr.store.getState().training?.scenario.id).toBe('load-tanker');
    expect(vr.value('TK-101.level')).toBeGreaterThan(0);
  });

  it('sends a trainee command and the others see it in their frames and log', async () => {
    // a scenario starts with the clock stopped for the briefing; the instructor runs it
    expect((await ins.act({ kind: 'clock', op: 'run' })).ok).toBe(true);
    await waitFor(() => vr.store.getState().running, 'the clock running on the trainee page');
    expect(await vr.command({ type: 'setValve', tag: 'XV-101', opening: 1 })).toEqual({ ok: true });
    await waitFor(() => ins.value('TK-101.outlet') > 0, 'the valve moving on the instructor page');
    await waitFor(() => ins.session.getState().log.some((e) => e.by.name === 'Somchai' && e.ok), 'the log entry');
    expect(ins.session.getState().log.find((e) => e.by.name === 'Somchai')?.by.role).toBe('trainee');
  });

  it("refuses a trainee's fault or backtrack with the station's reason, and logs who tried", async () => {
    const f = await desk.command({ type: 'injectFault', fault: { kind: 'powerFailure' } });
    expect(f.ok).toBe(false);
    const b = await desk.act({ kind: 'backtrack', t_s: 0 });
    expect(b).toMatchObject({ ok: false, reason: expect.stringMatching(/trainee/) });
    expect(desk.session.getState().refusal).toMatch(/trainee/);
    await waitFor(
      () => ins.session.getState().log.filter((e) => !e.ok && e.by.name === 'Malee').length === 2,
      'refusals',
    );
  });

  it("carries the instructor's fault and a message to one trainee only", async () => {
    const r = await ins.act({ kind: 'fault', op: 'inject', fault: { kind: 'pumpTrip', pump: 'P-301' } });
    expect(r.ok).toBe(true);
    await waitFor(() => vr.session.getState().faults.some((f) => f.fault.kind === 'pumpTrip'), 'the fault');
    const pid = vr.session.getState().me.participantId;
    expect((await ins.act({ kind: 'message', to: pid, text: 'Line up XV-101' })).ok).toBe(true);
    await waitFor(() => vr.session.getState().messages.length === 1, 'the message');
    expect(vr.session.getState().messages[0]).toMatchObject({ text: 'Line up XV-101', from: { name: 'Anan' } });
    expect(desk.session.getState().messages).toEqual([]);
  });

  it('gives a trainee their part in the scenario (the instructor only)', async () => {
    const pid = vr.session.getState().me.participantId;
    expect((await desk.act({ kind: 'assign', pid, scenarioRole: 'console' })).ok).toBe(false);
    expect((await ins.act({ kind: 'assign', pid, scenarioRole: 'field' })).ok).toBe(true);
    const part = () => vr.session.getState().info?.participants.find((p) => p.pid === pid)?.scenarioRole;
    await waitFor(() => part() === 'field', 'the part in the roster');
  });

  it("sees the others' presence at 10 Hz or more, and their leaving", async () => {
    const pid = vr.session.getState().me.participantId;
    vr.out.head.p[0] = 42;
    await waitFor(() => desk.presence.get(pid)?.head.p[0] === 42, 'the moved head');
    expect(desk.presence.get(pid)).toMatchObject({ name: 'Somchai', device: 'vr', role: 'trainee' });
    expect(desk.session.getState().present).toContain(pid);
    vr.close();
    await waitFor(() => !desk.presence.has(pid), 'the avatar gone');
  });
});
