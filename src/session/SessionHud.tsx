import './session.css';
import { useT } from '../state/ui';
import { useSession, useSessionClient } from './useSession';

/** A trainee's line to the session on the desktop HUD: the link, the instructor's messages, refusals. */
export function SessionHud() {
  const t = useT();
  const c = useSessionClient();
  const link = useSession((s) => s.link);
  const messages = useSession((s) => s.messages);
  const refusal = useSession((s) => s.refusal);
  const ended = useSession((s) => s.ended);
  const name = useSession((s) => s.info?.name);
  const part = useSession((s) => s.info?.participants.find((p) => p.pid === s.me.participantId)?.scenarioRole);
  if (!c || c.session.getState().me.role === 'instructor') return null;
  return (
    <div className="session-hud" data-testid="session-hud">
      <div>
        <b>{name}</b>{' '}
        <span className={`link-${link}`} data-testid="session-link">
          {t(`sessionLink.${link}` as never)}
        </span>
      </div>
      {part && (
        <div data-testid="session-part">
          {t('sessionPart')}: {t(`part.${part}`)}
        </div>
      )}
      {messages.slice(-3).map((m, i) => (
        <div key={i} className="instructor-message" data-testid="instructor-message">
          <b>{m.from.name}:</b> {m.text}
        </div>
      ))}
      {refusal && (
        <div className="error" data-testid="session-refusal">
          {t('rejected')}: {refusal}
        </div>
      )}
      {ended && (
        <div className="notice" data-testid="session-ended">
          {t('sessionEnded')}
        </div>
      )}
    </div>
  );
}
