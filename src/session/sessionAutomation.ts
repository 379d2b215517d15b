import type { Action } from '../protocol/actions';
import type { SessionClient } from './SessionClient';
import { followStore } from './followStore';

/**
 * window.tanktwin.session: the shared session as tests and scripts see it (beside the plant calls that
 * installAutomation already gives, which go to the station's plant through the same connection).
 */
export function installSessionAutomation(c: SessionClient) {
  const api = {
    me: () => c.session.getState().me,
    info: () => c.session.getState().info,
    link: () => c.session.getState().link,
    reconnects: () => c.session.getState().reconnects,
    messages: () => c.session.getState().messages,
    log: () => c.session.getState().log,
    faults: () => c.session.getState().faults,
    pending: () => c.session.getState().pending,
    refusal: () => c.session.getState().refusal,
    ended: () => c.session.getState().ended,
    /** Another participant's latest presence, by pid (or every one). */
    presence: (pid?: string) => (pid ? (c.presence.get(pid) ?? null) : [...c.presence.values()]),
    /** This page's own presence as it publishes it, and how many it sent. */
    own: () => ({ ...c.out.message(), sent: c.out.sent }),
    act: (a: Action) => c.act(a),
    /** The instructor's message as the VR panel draws it (its SDF text), or null when none is drawn. */
    panelText: () => {
      let text: string | null = null;
      c.sceneRoot?.traverse((o) => {
        if (o.name === 'instructor-message') text = (o as unknown as { text: string }).text;
      });
      return text;
    },
    /** Avatars drawn, by participant id, with where each head is. */
    avatars: () => {
      const out: { pid: string; x: number; y: number; z: number }[] = [];
      c.sceneRoot?.getObjectByName('avatars')?.children.forEach((g) => {
        const head = g.children[0];
        out.push({ pid: g.name.slice('avatar-'.length), x: head.position.x, y: head.position.y, z: head.position.z });
      });
      return out;
    },
    follow: (pid: string | null) => followStore.setState({ pid }),
  };
  const w = window as unknown as { tanktwin?: Record<string, unknown> };
  if (w.tanktwin) w.tanktwin.session = api;
  return api;
}
