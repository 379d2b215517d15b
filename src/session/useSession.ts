import { useStore } from 'zustand';
import { usePlantConnection } from '../app/PlantConnection';
import { createSessionStore, type SessionState } from './sessionStore';
import { sessionOf, type SessionClient } from './SessionClient';

/** Read by pages that are not in a session: nobody, no messages. */
const NONE = createSessionStore({
  sessionId: '-',
  site: '-',
  participantId: '-',
  role: 'observer',
  token: '',
  expiresAt: new Date(0).toISOString(),
  mqtt: { url: '', protocolVersion: 4, username: '', password: '', clientId: '' },
});

/** The session connection of the surrounding plant connection, or null for a local worker. */
export function useSessionClient(): SessionClient | null {
  return sessionOf(usePlantConnection());
}

/** A slice of the surrounding session's state (the empty state outside a session). */
export function useSession<T>(sel: (s: SessionState) => T): T {
  const c = useSessionClient();
  return useStore(c?.session ?? NONE, sel);
}
