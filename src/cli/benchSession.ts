import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Station, type ExternalBroker } from '../station/station';
import { Participant, until } from '../station/participant';
import { haveMosquitto, startMosquitto } from '../station/mosquitto';
import type { CreatedSession } from '../protocol/session';

// Shared sessions on a station over loopback: how long an instructor's fault takes to reach a trainee
// (through the embedded broker and through mosquitto), what a trainee receives a second, and how many
// three-person sessions one station holds before that delay's p99 passes 200 ms. Measures; asserts nothing.

type Figure = [string, number, string];
const P99_LIMIT_MS = 200;
const SEARCH_BUDGET_MS = 100_000; // the sessions search stops here whatever it has found
const flame = { kind: 'fault', op: 'inject', fault: { kind: 'heaterFlameFailure' } } as const;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};

async function station(dir: string, broker?: ExternalBroker): Promise<Station> {
  return Station.start({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    distDir: join(dir, 'no-dist'),
    scenariosDir: join(dir, 'no-scenarios'),
    broker,
  });
}

async function create(url: string, name: string): Promise<CreatedSession> {
  const r = await fetch(`${url}/api/sessions`, { method: 'POST', body: JSON.stringify({ name }) });
  return (await r.json()) as CreatedSession;
}

interface Trio {
  instructor: Participant;
  trainees: Participant[];
}

async function trio(url: string, k: number): Promise<Trio> {
  const s = await create(url, `bench ${k}`);
  const instructor = await Participant.join({ station: url, code: s.codes.instructor, name: `I${k}` });
  const trainees = [
    await Participant.join({ station: url, code: s.codes.trainee, name: `A${k}` }),
    await Participant.join({ station: url, code: s.codes.trainee, name: `B${k}`, device: 'vr' }),
  ];
  await until(() => trainees.every((t) => t.frame !== null), 30_000, 'first frames');
  return { instructor, trainees };
}

/** Instructor sends a fault; each trainee's delay until the fault event arrives. Then it is cleared. */
async function faultDelays(t: Trio): Promise<number[]> {
  const seen: number[] = [];
  const t0 = performance.now();
  for (const tr of t.trainees)
    tr.onEvent = (e) => {
      if (e.events?.some((x) => x.type === 'fault' && x.action === 'inject')) {
        seen.push(performance.now() - t0);
        tr.onEvent = null;
      }
    };
  t.instructor.send(flame, 'control');
  await until(() => seen.length === t.trainees.length, 30_000, 'the fault at every trainee');
  await t.instructor.act({ kind: 'fault', op: 'clear' }, 'control');
  return seen;
}

async function closeAll(trios: Trio[]): Promise<void> {
  for (const t of trios) for (const p of [t.instructor, ...t.trainees]) await p.close();
}

async function latencyFigures(
  label: string,
  broker?: () => Promise<{ ext: ExternalBroker; stop(): Promise<void> }>,
): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tanktwin-bench-session-'));
  const b = broker ? await broker() : null;
  const st = await station(dir, b?.ext);
  try {
    const t = await trio(st.url, 0);
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) samples.push(...(await faultDelays(t)));
    const out: Figure[] = [
      [`session.fault_to_trainee_ms.${label}.p50`, pct(samples, 50), 'ms'],
      [`session.fault_to_trainee_ms.${label}.p99`, pct(samples, 99), 'ms'],
    ];
    if (!broker) {
      const tr = t.trainees[0];
      const b0 = tr.bytesIn;
      const f0 = tr.frames;
      const w0 = performance.now();
      await new Promise((r) => setTimeout(r, 3000));
      const wall_s = (performance.now() - w0) / 1000;
      out.push(['session.bytes_per_s_per_trainee', (tr.bytesIn - b0) / wall_s, 'B/s']);
      out.push(['session.frame_hz', (tr.frames - f0) / wall_s, 'Hz']);
      out.push(['session.frame_bytes', tr.frame!.byteLength, 'B']);
    }
    await closeAll([t]);
    return out;
  } finally {
    await st.close({ save: false });
    await b?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A station in a process of its own (as it runs for real), so the benchmark's clients do not share its loop. */
async function stationProcess(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/station/main.ts'), '--port', '0', '--data', dir],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /station: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the station exited (${code}): ${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Add three-person sessions in steps until the fault delay's p99 passes the limit or the budget ends. */
async function maxSessions(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tanktwin-bench-sessions-'));
  const st = await stationProcess(dir);
  const trios: Trio[] = [];
  const tStart = performance.now();
  let held = 0;
  let lastP99 = NaN;
  try {
    for (const level of [5, 10, 20, 30, 40, 50, 60, 80, 100, 130, 160, 200]) {
      while (trios.length < level) trios.push(await trio(st.url, trios.length));
      await new Promise((r) => setTimeout(r, 1000)); // let the new sessions settle into their frame rhythm
      const samples: number[] = [];
      // each instructor acts at their own moment, spread over a second, as people do
      const staggered = (t: Trio, i: number) =>
        new Promise((r) => setTimeout(r, (i * 1000) / trios.length)).then(() => faultDelays(t));
      for (let round = 0; round < 3; round++) samples.push(...(await Promise.all(trios.map(staggered))).flat());
      lastP99 = pct(samples, 99);
      if (process.env.BENCH_VERBOSE) console.error(`bench: ${level} sessions: p99 ${lastP99.toFixed(1)} ms`);
      if (lastP99 > P99_LIMIT_MS) break;
      held = level;
      if (performance.now() - tStart > SEARCH_BUDGET_MS) break;
    }
  } finally {
    await closeAll(trios);
    await st.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    ['session.max_sessions', held, ''],
    ['session.max_sessions.last_p99_ms', lastP99, 'ms'],
  ];
}

export async function sessionFigures(): Promise<Figure[]> {
  const out: Figure[] = [...(await latencyFigures('embedded'))];
  if (haveMosquitto()) {
    out.push(
      ...(await latencyFigures('mosquitto', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'tanktwin-bench-mosq-'));
        const m = await startMosquitto(dir, 'station');
        return {
          ext: { url: m.url, protocolVersion: 5, accounts: m.accounts },
          stop: async () => {
            await m.stop();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      })),
    );
  } else console.error('bench: mosquitto is not installed (apt-get install -y mosquitto): no mosquitto figures');
  out.push(...(await maxSessions()));
  return out;
}
