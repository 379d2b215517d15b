import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionClient } from '../../../src/session/SessionClient';
import type { Joined } from '../../../src/protocol/session';
import { ui } from '../../../src/state/ui';
import { th } from '../../../src/i18n/strings';

// A refusal in a shared session reads as on a solo page: the station's English reason in the trainee's
// language, and no English word when the station gave none. The broker is not needed: the reply is the test's.

const me: Joined = {
  sessionId: 's1',
  site: 'site',
  participantId: 'p1',
  role: 'trainee',
  token: 'tok',
  expiresAt: '2100-01-01T00:00:00Z',
  mqtt: { url: 'ws://127.0.0.1:1', username: 'u', password: 'p' } as Joined['mqtt'],
};

function refusedWith(reason: string | undefined): SessionClient {
  const c = new SessionClient(me, 'Malee', 'desktop');
  vi.spyOn(c, 'act').mockResolvedValue({ ok: false, reason } as Awaited<ReturnType<SessionClient['act']>>);
  return c;
}

describe('a refusal in a shared session', () => {
  afterEach(() => ui.setState({ lang: 'en' }));

  it("shows the station's reason in Thai on a Thai page", async () => {
    ui.setState({ lang: 'th' });
    const c = refusedWith('ran dry: seal and gear damage');
    const r = await c.command({ type: 'setValve', tag: 'XV-101', opening: 1 });
    expect(r.ok).toBe(false);
    expect(c.store.getState().lastResult).toBe(`${th.rejected}: เดินตัวเปล่า: ซีลและเฟืองเสียหาย`);
  });

  it('has a reason in the page language when the station gave none', async () => {
    ui.setState({ lang: 'th' });
    const c = refusedWith(undefined);
    const r = await c.command({ type: 'setValve', tag: 'XV-101', opening: 1 });
    expect(r).toEqual({ ok: false, reason: th.rejected });
    expect(c.store.getState().lastResult).toBe(th.rejected);
  });
});
