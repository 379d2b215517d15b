import './debrief.css';
import { createPortal } from 'react-dom';
import { useT, useUi } from '../../state/ui';
import type { Lang } from '../../i18n/strings';
import type { CertificateData } from './certificate';

// The printable certificate: a sheet over the page, and under print media the only thing printed
// (debrief.css), A4 landscape. Every figure on it comes from the record (certificate.ts). It is drawn on
// the document's body, not inside the panel that opened it: a scrolling panel would clip the printed page.

/** The record's day in words in the page's language, read in UTC so the day is the record's own. */
export function certificateDate(isoDay: string, lang: Lang): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDay;
  return d.toLocaleDateString(lang === 'th' ? 'th-TH' : 'en-GB', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
}

export function Certificate({ data, onClose }: { data: CertificateData; onClose: () => void }) {
  const sheet = <CertificateSheet data={data} onClose={onClose} />;
  return typeof document === 'undefined' ? sheet : createPortal(sheet, document.body);
}

function CertificateSheet({ data, onClose }: { data: CertificateData; onClose: () => void }) {
  const t = useT();
  const lang = useUi((s) => s.lang);
  return (
    <div className="certificate-sheet" data-testid="certificate-sheet">
      <div className="certificate-actions no-print">
        <button data-testid="certificate-print" onClick={() => window.print()}>
          {t('cert.print')}
        </button>
        <button data-testid="certificate-close" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <article className="certificate" data-testid="certificate" data-run={data.runId} data-hash={data.hash}>
        <div className="cert-brand">TankTwin</div>
        <h1>{t('cert.title')}</h1>
        <p className="cert-lead">{t('cert.certifies')}</p>
        <p className="cert-name" data-testid="certificate-trainee">
          {data.trainee}
        </p>
        <p className="cert-lead">{t('cert.completed')}</p>
        <p className="cert-scenario" data-testid="certificate-scenario">
          {data.title}{' '}
          <span className="cert-version">
            ({t('cert.version')} {data.version})
          </span>
        </p>
        <dl className="cert-facts">
          <dt>{t('score')}</dt>
          <dd data-testid="certificate-score">
            {data.score} / 100 ({t('passMark')} {data.passMark})
          </dd>
          <dt>{t('cert.date')}</dt>
          <dd data-testid="certificate-date" data-date={data.date}>
            {certificateDate(data.date, lang)}
          </dd>
          <dt>{t('cert.plant')}</dt>
          <dd>{data.plantName}</dd>
        </dl>
        <footer className="cert-verify">
          <div>
            {t('cert.record')}: <span className="mono">{data.runId}</span>
          </div>
          <div>
            {t('cert.hash')}: <span className="mono">{data.hash}</span>
          </div>
          <div className="muted">{t('cert.verifyHow')}</div>
        </footer>
      </article>
    </div>
  );
}
