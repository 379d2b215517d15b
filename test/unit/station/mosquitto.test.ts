import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Station } from '../../../src/station/station';
import { Participant } from '../../../src/station/participant';
import { waitFor } from '../waitFor';
import { haveMosquitto, startMosquitto, type RunningMosquitto } from '../../../src/station/mosquitto';
import type { CreatedSession, LogEntry } from '../../../src/protocol/session';
import { createSession, startStation, tempDir } from './harness';

// The same session through Debian's mosquitto (MQTT 5) with a password file and the ACL file the station
// documents. `.ci/run` installs mosquitto; on a machine without it this suite says so and skips.

const present = haveMosquitto();
if (!present)
  console.warn('mosquitto is not installed (apt-get install -y mosquitto): skipping the external-broker tests');

describe.skipIf(!present)('a shared session through mosquitto with an ACL', () => {
  const tmp = tempDir('tanktwin-mosq-');
  let broker: RunningMosquitto;
  let st: Station;
  let s: CreatedSession;
  let instructor: Participant;
  let trainee: Participant;
  const flame = { kind: 'fault', op: 'inject', fault: { kind: 'heaterFlameFailure' } } as const;

  beforeAll(async () => {
    broker = await startMosquitto(tmp.dir, 'station');
    st = await startStation(tmp.dir, {
      broker: { url: broker.url, protocolVersion: 5, accounts: broker.accounts },
    });
    s = await createSession(st, { name: 'Over mosquitto' });
    instructor = await Participant.join({ station: st.url, code: s.codes.instructor, name: 'Instructor' });
    trainee = await Participant.join({ station: st.url, code: s.codes.trainee, name: 'Trainee' });
  });

  afterAll(async () => {
    await instructor?.close();
    await trainee?.close();
    await st?.close();
    await broker?.stop();
    tmp.remove();
  });

  it('hands out the role account and MQTT 5, and streams frames', async () => {
    expect(trainee.joined.mqtt).toMatchObject({ url: broker.url, protocolVersion: 5, username: 'tanktwin-trainee' });
    await waitFor(() => trainee.frames >= 3 && trainee.plant !== null, 'frames');
  });

  it("carries the instructor's fault to the trainee", async () => {
    expect((await instructor.act(flame, 'control')).ok).toBe(true);
    await waitFor(() => trainee.state?.faults.some((f) => f.fault.kind === 'heaterFlameFailure') ?? false, 'fault');
  });

  it("refuses a trainee's fault at the station (logged) and at the broker (the ACL)", async () => {
    const r = await trainee.act(flame);
    expect(r.ok).toBe(false);
    await waitFor(
      () => (st.ctx.storage.readLog(s.id) as LogEntry[]).some((l) => l.by.pid === trainee.pid && !l.ok),
      'the refusal in the log',
    );
    // MQTT 5: the broker answers a QoS 1 publish it refuses with reason code 0x87 (not authorised)
    const env = JSON.stringify({ token: trainee.joined.token, id: 'x', action: flame });
    await expect(trainee.client.publishAsync(trainee.topics.control, env, { qos: 1 })).rejects.toThrow(
      /135|[Nn]ot authori[sz]ed/,
    );
  });

  it('does not let an observer publish an action', async () => {
    const obs = await Participant.join({ station: st.url, code: s.codes.observer, name: 'Observer' });
    try {
      const env = JSON.stringify({
        token: obs.joined.token,
        id: 'o',
        action: { kind: 'command', command: { type: 'ackAll' } },
      });
      await expect(obs.client.publishAsync(obs.topics.action, env, { qos: 1 })).rejects.toThrow(
        /135|[Nn]ot authori[sz]ed/,
      );
    } finally {
      await obs.close();
    }
  });

  it('gives a late joiner the current state at once', async () => {
    const late = await Participant.join({ station: st.url, code: s.codes.trainee, name: 'Late' });
    try {
      await waitFor(() => late.frame !== null && late.state !== null && late.info !== null, 'state');
      expect(late.state!.faults.length).toBeGreaterThan(0);
    } finally {
      await late.close();
    }
  });
});
