import type { StationContext } from './context';
import type { TokenClaims } from './keys';
import { HttpError } from './api';

// What a participant's token lets them read over HTTP: an instructor their session's log and records, a
// trainee their own records.

function claims(ctx: StationContext, token: string): TokenClaims {
  const c = ctx.verify(token);
  if (!c) throw new HttpError(401, 'token: not valid');
  return c;
}

function mayRead(c: TokenClaims, file: string): boolean {
  if (c.role === 'instructor') return file.startsWith(`${c.sid}-`);
  return c.role === 'trainee' && file.startsWith(`${c.sid}-${c.pid}-`);
}

export function sessionLog(ctx: StationContext, sid: string, token: string): unknown[] {
  const c = claims(ctx, token);
  if (c.sid !== sid || c.role !== 'instructor') throw new HttpError(403, "only the session's instructor reads its log");
  return ctx.storage.readLog(sid);
}

export function listRecords(ctx: StationContext, token: string): string[] {
  const c = claims(ctx, token);
  return ctx.storage.listRecords().filter((f) => mayRead(c, f));
}

export function readRecord(ctx: StationContext, file: string, token: string): unknown {
  const c = claims(ctx, token);
  const rec = mayRead(c, file) ? ctx.storage.readRecord(file) : null;
  if (!rec) throw new HttpError(404, `no record ${file} for you`);
  return rec;
}
