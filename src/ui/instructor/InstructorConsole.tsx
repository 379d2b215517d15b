import './instructor.css';
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { useT } from '../../state/ui';
import { useSession } from '../../session/useSession';
import { createdSession } from './CreateSessionForm';
import { Roster } from './Roster';
import { Progress } from './Progress';
import { ClockControls, FaultControls } from './Controls';
import { MessageControls, ExerciseControls } from './ExerciseControls';
import { EventLog } from './EventLog';
import { GroupTab } from './GroupTab';

type Tab = 'people' | 'control' | 'log' | 'group';

/** The instructor's console beside the plant view: join code and QR, roster, progress, controls, log. */
export function InstructorConsole({ code }: { code: string }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('people');
  const info = useSession((s) => s.info);
  const link = useSession((s) => s.link);
  const refusal = useSession((s) => s.refusal);
  return (
    <aside className="instructor-console" data-testid="instructor-console">
      <header>
        <b data-testid="session-name">{info?.name ?? '…'}</b>
        <span className={`link-${link}`} data-testid="session-link">
          {t(`sessionLink.${link}` as never)}
        </span>
      </header>
      <JoinInfo code={code} />
      <nav className="tabs">
        {(['people', 'control', 'log', 'group'] as const).map((k) => (
          <button
            key={k}
            className={tab === k ? 'active' : ''}
            data-testid={`console-tab-${k}`}
            onClick={() => setTab(k)}
          >
            {t(`consoleTab.${k}` as never)}
          </button>
        ))}
      </nav>
      {refusal && (
        <p className="error" data-testid="console-refusal">
          {refusal}
        </p>
      )}
      {tab === 'people' && (
        <>
          <Progress />
          <Roster />
        </>
      )}
      {tab === 'control' && (
        <>
          <ClockControls />
          <FaultControls />
          <MessageControls />
          <ExerciseControls />
        </>
      )}
      {tab === 'log' && <EventLog />}
      {tab === 'group' && <GroupTab />}
    </aside>
  );
}

/** The trainees' code, link and QR code (known to the browser that created the session). */
function JoinInfo({ code }: { code: string }) {
  const t = useT();
  const created = createdSession(code);
  const [qr, setQr] = useState<string | null>(null);
  const link = created?.links.trainee ?? null;
  useEffect(() => {
    if (link) void QRCode.toDataURL(link, { margin: 1, width: 160 }).then(setQr);
  }, [link]);
  if (!created) return null;
  return (
    <section className="join-info">
      <div>
        {t('sessionTraineeCode')}:{' '}
        <b className="mono" data-testid="trainee-code">
          {created.codes.trainee}
        </b>
      </div>
      <div>
        {t('sessionObserverCode')}: <span className="mono">{created.codes.observer}</span>
      </div>
      <a href={link!} data-testid="trainee-link" target="_blank" rel="noreferrer">
        {link}
      </a>
      {qr && <img src={qr} alt={t('sessionQr')} data-testid="trainee-qr" width={120} height={120} />}
    </section>
  );
}
