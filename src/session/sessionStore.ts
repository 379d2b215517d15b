import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChatMessage, Issuer, Joined, LogEntry, PendingFault, SessionInfo } from '../protocol/session';
import type { Fault } from '../sim/faults';

// The slow state of one session connection, beside its plant store (app/plantStore.ts): who is in the
// session, the link to the broker, messages, the action log and what the station refused. Presence poses
// (≥ 10 Hz) never pass through here; they stay in the client's presence map, read in the frame loop.

export const LOG_MAX = 300;

export type LinkState = 'connecting' | 'online' | 'offline' | 'refused';

export interface SessionState {
  /** Who this page is in the session, with the current token and the broker it talks to. */
  me: Joined;
  /** The session as the station last published it (name, status, roster), null before the first. */
  info: SessionInfo | null;
  /** The link to the broker: online, retrying after a drop, or refused (token or code no longer good). */
  link: LinkState;
  /** Times the link came back after a drop. */
  reconnects: number;
  /** Messages from the instructor to this page's person or to all, oldest first. */
  messages: ChatMessage[];
  /** The session's action log as it was published while this page was here, newest first, at most LOG_MAX. */
  log: LogEntry[];
  /** Faults active on the plant now, with their ids (to clear one). */
  faults: { id: number; since_s: number; fault: Fault }[];
  /** Faults waiting on a delay or a condition. */
  pending: PendingFault[];
  /** Who holds each portable item (a pid), null when it lies where it was put down. */
  heldBy: Record<string, string | null>;
  /** The station's answer to this page's last refused action, or null. */
  refusal: string | null;
  /** The exercise ended: who ended it and the record files written; the page shows the debrief. */
  ended: { by: Issuer; records: string[] } | null;
  /** Participant ids whose presence this page receives (their avatars); changes on join and leave only. */
  present: string[];
}

export type SessionStore = StoreApi<SessionState>;

export function createSessionStore(me: Joined): SessionStore {
  return createStore<SessionState>(() => ({
    me,
    info: null,
    link: 'connecting',
    reconnects: 0,
    messages: [],
    log: [],
    faults: [],
    pending: [],
    heldBy: {},
    refusal: null,
    ended: null,
    present: [],
  }));
}
