import { z } from 'zod';
import type { MqttAccess } from '../protocol/session';

/** What `POST /api/live/join` answers: the live plant's ids, how to reach its broker, where its history is. */
export interface LiveJoined {
  site: string;
  plant: string;
  mqtt: MqttAccess;
  /** The historian's query URL (absolute or relative to the station), or null. */
  historyUrl: string | null;
}

const idRe = /^[A-Za-z0-9_.-]{1,64}$/;
const joinedSchema = z.object({
  site: z.string().regex(idRe),
  plant: z.string().regex(idRe),
  mqtt: z.object({
    url: z.string().regex(/^wss?:\/\//, 'a ws:// or wss:// URL'),
    protocolVersion: z.union([z.literal(4), z.literal(5)]),
    username: z.string(),
    password: z.string(),
    clientId: z.string().min(1),
  }),
  historyUrl: z.string().nullable().optional(),
});

/** Validate the station's join answer; throws naming the field. */
export function parseJoined(raw: unknown, station: string): LiveJoined {
  const r = joinedSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`the station's answer: ${i.path.join('.') || '(body)'}: ${i.message}`);
  }
  const h = r.data.historyUrl;
  return { ...r.data, historyUrl: h ? new URL(h, station + '/').toString() : null };
}

/** Ask the station for access to its live plant. */
export async function joinLive(station: string, fetcher: typeof fetch = fetch): Promise<LiveJoined> {
  let res: Response;
  try {
    res = await fetcher(`${station}/api/live/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
  } catch (e) {
    throw new Error(`no station answers at ${station} (${(e as Error).message})`, { cause: e });
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return parseJoined(body, station);
}
