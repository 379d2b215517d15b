import { writeRequestSchema, type LiveEvent, type WriteReply, type WriteRequest } from '../protocol/live';
import type { TagMapping } from '../scada/mapping';
import { toRaw } from '../scada/scaling';
import type { Log } from './log';
import type { BridgeMetrics, WriteOutcome } from './metrics';
import type { SourceAdapter } from './source';

// Writes to the plant: refused unless the bridge runs with --allow-write AND the tag is on the mapping's
// allow-list (writable: true) AND the value is inside the instrument's range. Every request, whatever
// its outcome, is logged with who asked and published as an event; the asker gets a reply.

export interface WriteContext {
  allowWrite: boolean;
  tags: ReadonlyMap<string, TagMapping>;
  adapter(sourceId: string): SourceAdapter | undefined;
  log: Log;
  now(): number;
  metrics: BridgeMetrics;
  event(e: LiveEvent): void;
  reply(requestId: string, r: WriteReply): void;
}

/** Why this request may not be written, or null when it may. */
export function refusal(ctx: WriteContext, req: WriteRequest): string | null {
  if (!ctx.allowWrite) return 'the bridge is read-only (started without --allow-write)';
  const t = ctx.tags.get(req.tag);
  if (!t) return `no mapped tag "${req.tag}"`;
  if (!t.writable) return `${req.tag} is not on the write allow-list of the mapping`;
  if (req.value < t.range[0] || req.value > t.range[1])
    return `${req.value} is outside ${req.tag}'s range ${t.range[0]}–${t.range[1]} ${t.unit}`.trimEnd();
  if (!ctx.adapter(t.source)) return `source ${t.source} is not running`;
  return null;
}

function outcome(ctx: WriteContext, req: WriteRequest, result: WriteOutcome, error?: string, source?: string): void {
  ctx.metrics.writes[result]++;
  ctx.log(result === 'allowed' ? 'info' : 'warn', `write ${result}`, {
    requestId: req.requestId,
    tag: req.tag,
    value: req.value,
    by: req.by,
    ...(error ? { error } : {}),
  });
  const kind = result === 'allowed' ? 'writeAllowed' : result === 'refused' ? 'writeRefused' : 'writeFailed';
  const text =
    result === 'allowed'
      ? `${req.by} wrote ${req.value} to ${req.tag}`
      : `${req.by} asked to write ${req.value} to ${req.tag}: ${result} (${error})`;
  ctx.event({ ts_ms: ctx.now(), kind, tag: req.tag, by: req.by, text, ...(source ? { source } : {}) });
  ctx.reply(
    req.requestId,
    error ? { requestId: req.requestId, ok: false, error } : { requestId: req.requestId, ok: true },
  );
}

export async function handleWrite(ctx: WriteContext, payload: Buffer): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    body = undefined;
  }
  const r = writeRequestSchema.safeParse(body);
  if (!r.success) {
    ctx.metrics.writes.refused++;
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    ctx.log('warn', 'write refused: malformed request', { error: problems, bytes: payload.length });
    const id = (body as { requestId?: unknown } | undefined)?.requestId;
    if (typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id))
      ctx.reply(id, { requestId: id, ok: false, error: `malformed request: ${problems}` });
    return;
  }
  const req = r.data;
  const why = refusal(ctx, req);
  if (why) return outcome(ctx, req, 'refused', why);
  const t = ctx.tags.get(req.tag)!;
  try {
    await ctx.adapter(t.source)!.write(t, toRaw(t, req.value));
    outcome(ctx, req, 'allowed', undefined, t.source);
  } catch (e) {
    outcome(ctx, req, 'failed', e instanceof Error ? e.message : String(e), t.source);
  }
}
