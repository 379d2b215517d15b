import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Station } from '../../../src/station/station';
import { Participant } from '../../../src/station/participant';
import { waitFor } from '../waitFor';
import { verifyRecord } from '../../../src/station/keys';
import type { CreatedSession, LogEntry, StationRecord } from '../../../src/protocol/session';
import { H } from '../../../src/protocol/frame';
import { createSession, frameTime, startStation, tempDir } from './harness';

// A station on loopback with its embedded broker; participants are mqtt.js clients joined by code.

const tmp = tempDir('tanktwin-station-');
let st: Station;
let s: CreatedSession;
let instructor: Participant;
let trainee: Participant;
const flame = { kind: 'fault', op: 'inject', fault: { kind: 'heaterFlameFailure' } } as const;
const logs = (p: Participant) => p.events.flatMap((e) => e.log ?? []) as LogEntry[];

beforeAll(async () => {
  st = await startStation(tmp.dir);
  s = await createSession(st, { name: 'Morning shift' });
  instructor = await Participant.join({ station: st.url, code: s.codes.instructor, name: 'Somchai' });
  trainee = await Participant.join({ station: st.url, code: s.codes.trainee, name: 'Anan', device: 'vr' });
});

afterAll(async () => {
  await instructor?.close();
  await trainee?.close();
  await st?.close();
  tmp.remove();
});

describe('a shared session on the embedded broker', () => {
  it('sends a joined trainee the plant, the session and a stream of frames', async () => {
    await waitFor(() => trainee.frames >= 3 && trainee.plant !== null && trainee.info !== null, 'frames');
    const tags = (trainee.plant as { tags: unknown[] }).tags;
    expect(trainee.frame!.length).toBeGreaterThan(tags.length); // header + every tag
    expect(trainee.info!.participants.map((p) => p.name).sort()).toEqual(['Anan', 'Somchai']);
    const t0 = frameTime(trainee.frame);
    await waitFor(() => frameTime(trainee.frame) > t0, 'plant time to advance');
  });

  it("shows the trainee the instructor's fault, logged with the instructor as its issuer", async () => {
    const r = await instructor.act(flame, 'control');
    expect(r.ok).toBe(true);
    await waitFor(
      () => trainee.state?.faults.some((f) => f.fault.kind === 'heaterFlameFailure') ?? false,
      'fault in state',
    );
    await waitFor(() => trainee.events.some((e) => e.events?.some((x) => x.type === 'fault')), 'fault event');
    const entry = logs(trainee).find((l) => (l.action as { kind?: string }).kind === 'fault')!;
    expect(entry.by).toEqual({ pid: instructor.pid, name: 'Somchai', role: 'instructor' });
  });

  it("refuses a trainee's fault and backtrack, and logs the refusal under the trainee", async () => {
    const f = await trainee.act(flame);
    expect(f).toMatchObject({ ok: false, reason: expect.stringContaining('trainee') });
    const b = await trainee.act({ kind: 'backtrack', t_s: 0 });
    expect(b.ok).toBe(false);
    const clock = await trainee.act({ kind: 'clock', op: 'pause' });
    expect(clock.ok).toBe(false);
    await waitFor(() => logs(instructor).filter((l) => l.by.pid === trainee.pid && !l.ok).length >= 3, 'log');
    const log = st.ctx.storage.readLog(s.id) as LogEntry[];
    expect(
      log.filter((l) => l.by.pid === trainee.pid && !l.ok).map((l) => (l.action as { kind: string }).kind),
    ).toEqual(expect.arrayContaining(['fault', 'backtrack', 'clock']));
    expect(st.sessions.get(s.id)!.state!.running).toBe(true); // the trainee's pause did nothing
  });

  it('lets a trainee operate the plant', async () => {
    const r = await trainee.act({ kind: 'command', command: { type: 'ackAll' } });
    expect(r.ok).toBe(true);
  });

  it('closes the connection of a trainee who publishes on the control topic (the broker refuses it)', async () => {
    let closed = false;
    trainee.client.once('close', () => (closed = true));
    trainee.send(flame, 'control');
    await waitFor(() => closed, 'the broker to drop the connection');
    await waitFor(
      () =>
        (st.ctx.storage.readLog(s.id) as LogEntry[]).some(
          (l) => l.by.pid === trainee.pid && /broker refused/.test(l.reason ?? ''),
        ),
      'the broker refusal in the log',
    );
    await waitFor(() => trainee.client.connected, 'the trainee to reconnect');
  });

  it('lets an observer watch but not act, at the station and at the broker', async () => {
    const obs = await Participant.join({ station: st.url, code: s.codes.observer, name: 'Auditor' });
    try {
      await waitFor(() => obs.frame !== null, 'a frame');
      // the session host refuses an observer's action whatever the broker let through …
      const host = st.sessions.get(s.id)!;
      const envelope = {
        token: obs.joined.token,
        id: 'obs-1',
        action: { kind: 'command', command: { type: 'ackAll' } },
      };
      await host.onEnvelope(Buffer.from(JSON.stringify(envelope)));
      await waitFor(() => obs.replies.has('obs-1'), 'the reply');
      expect(obs.replies.get('obs-1')).toMatchObject({ ok: false, reason: expect.stringContaining('observer') });
      // … and the broker does not let an observer publish an action at all: it drops the connection
      let closed = false;
      obs.client.once('close', () => (closed = true));
      obs.send({ kind: 'command', command: { type: 'ackAll' } });
      await waitFor(() => closed, 'the broker to drop the connection');
      await waitFor(() => obs.client.connected, 'the observer to reconnect');
      // someone else's replies are not for an observer: the SUBACK refuses it (0x80)
      await expect(obs.client.subscribeAsync(obs.topics.reply(trainee.pid))).rejects.toThrow(/Subscribe error/);
    } finally {
      await obs.close();
    }
  });

  it('gives a late joiner the current state at once, from retained messages', async () => {
    const late = await Participant.join({ station: st.url, code: s.codes.trainee, name: 'Late' });
    try {
      await waitFor(
        () => late.frame !== null && late.state !== null && late.plant !== null && late.info !== null,
        'state',
      );
      expect(late.state!.faults.some((f) => f.fault.kind === 'heaterFlameFailure')).toBe(true);
      expect(late.frame![H.t_s]).toBeGreaterThan(0);
    } finally {
      await late.close();
    }
  });

  it('relays presence to the others', async () => {
    trainee.publishPresence({ name: 'Anan', device: 'vr', head: { p: [1, 1.7, 2], q: [0, 0, 0, 1] }, held: null });
    await waitFor(() => instructor.presence.has(trainee.pid), 'presence');
    expect(instructor.presence.get(trainee.pid)!.head.p).toEqual([1, 1.7, 2]);
    await waitFor(
      () =>
        st.sessions
          .get(s.id)!
          .sessionInfo()
          .participants.some((p) => p.pid === trainee.pid && p.connected),
      'roster',
    );
  });

  it("delivers the instructor's message, and runs a scenario the trainee can ask a hint of", async () => {
    expect((await instructor.act({ kind: 'message', to: trainee.pid, text: 'Check TK-101' }, 'control')).ok).toBe(true);
    await waitFor(() => trainee.events.some((e) => e.messages?.some((m) => m.text === 'Check TK-101')), 'message');
    const msg = trainee.events.flatMap((e) => e.messages ?? []).find((m) => m.text === 'Check TK-101')!;
    expect(msg).toMatchObject({ to: trainee.pid, from: { pid: instructor.pid, role: 'instructor' } });
    const started = await instructor.act({ kind: 'scenario', op: 'start', id: 'heat-tank' }, 'control');
    expect(started).toMatchObject({ ok: true, result: { scenarioId: 'heat-tank' } });
    await waitFor(() => trainee.state?.scenario?.id === 'heat-tank', 'the scenario in the state');
    const hint = await trainee.act({ kind: 'scenario', op: 'hint' });
    expect(hint.ok && typeof hint.result).toBe('string');
    expect((await trainee.act({ kind: 'backtrack', t_s: 0 })).ok).toBe(false);
    expect((await instructor.act({ kind: 'scenario', op: 'start', id: 'no-such' }, 'control')).ok).toBe(false);
  });

  it('lets a participant whose connection dropped rejoin as the same person, and no one else', async () => {
    await trainee.close(); // the headset's network goes away
    const again = await Participant.join({
      station: st.url,
      code: s.codes.trainee,
      name: 'Anan',
      device: 'vr',
      pid: trainee.pid,
    });
    expect(again.pid).toBe(trainee.pid);
    trainee = again; // and carries on as the same participant
    await waitFor(() => trainee.frame !== null && trainee.state?.scenario?.id === 'heat-tank', 'the state');
    expect((await trainee.act({ kind: 'command', command: { type: 'ackAll' } })).ok).toBe(true);
    // the instructor's pid with the trainee's code is refused
    await expect(
      Participant.join({ station: st.url, code: s.codes.trainee, name: 'X', pid: instructor.pid }),
    ).rejects.toThrow(/403/);
  });

  it('renews a token before it expires, and refuses a forged one', async () => {
    const post = (token: string) => fetch(`${st.url}/api/refresh`, { method: 'POST', body: JSON.stringify({ token }) });
    const r = await post(trainee.joined.token);
    expect(r.status).toBe(200);
    const { token } = (await r.json()) as { token: string };
    expect(st.ctx.verify(token)).toMatchObject({ pid: trainee.pid, role: 'trainee', sid: s.id });
    expect((await post(`${token}x`)).status).toBe(401);
  });

  it("keeps each trainee's record on the station, signed, readable by the instructor", async () => {
    const r = await instructor.act({ kind: 'end' }, 'control');
    expect(r.ok).toBe(true);
    await waitFor(() => trainee.events.some((e) => e.ended), 'the end');
    const files = r.result as string[];
    expect(files.length).toBeGreaterThan(0);
    const auth = { headers: { Authorization: `Bearer ${instructor.joined.token}` } };
    const list = (await (await fetch(`${st.url}/api/records`, auth)).json()) as string[];
    expect(list).toEqual(expect.arrayContaining(files));
    const file = files.find((f) => f.includes(trainee.pid))!;
    const rec = (await (await fetch(`${st.url}/api/records/${file}`, auth)).json()) as StationRecord;
    const pub = ((await (await fetch(`${st.url}/api/station`)).json()) as { recordsPublicKey: string })
      .recordsPublicKey;
    expect(rec.participant).toMatchObject({ pid: trainee.pid, name: 'Anan', device: 'vr' });
    const kinds = (ok: boolean) =>
      rec.actions.filter((a) => a.ok === ok).map((a) => (a.action as { kind: string }).kind);
    expect(kinds(true)).toContain('scenario'); // the hint, taken during the run
    expect(kinds(false)).toContain('backtrack'); // refused during the run, kept in the record
    expect(verifyRecord(rec, pub)).toBe(true);
    expect(verifyRecord({ ...rec, participant: { ...rec.participant, name: 'Someone else' } }, pub)).toBe(false);
    const onDisk = JSON.parse(readFileSync(join(tmp.dir, 'records', file), 'utf8')) as StationRecord;
    expect(verifyRecord(onDisk, pub)).toBe(true);
    const other = await fetch(`${st.url}/api/records/${file}`, { headers: { Authorization: 'Bearer forged.token' } });
    expect(other.status).toBe(401);
    const own = { headers: { Authorization: `Bearer ${trainee.joined.token}` } };
    expect((await (await fetch(`${st.url}/api/records`, own)).json()) as string[]).toEqual([file]);
    const log = await fetch(`${st.url}/api/sessions/${s.id}/log`, own);
    expect(log.status).toBe(403); // the session's log is the instructor's
  });
});
