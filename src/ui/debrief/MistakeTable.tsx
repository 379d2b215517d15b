import { useT, useUi } from '../../state/ui';
import { textIn } from '../../scenario/schema';
import type { StringKey } from '../../i18n/strings';
import type { Mistake } from './history';

// The mistakes that came back, for one trainee or a group: what, in which scenario, in how many runs,
// and (for a group) by whom.

export function MistakeTable({
  mistakes,
  titles,
  group = false,
}: {
  mistakes: Mistake[];
  titles: Record<string, string>;
  group?: boolean;
}) {
  const t = useT();
  const lang = useUi((s) => s.lang);
  if (!mistakes.length) return <p className="muted">{t('db.noRepeats')}</p>;
  return (
    <table className="mistakes" data-testid="repeated-mistakes">
      <thead>
        <tr>
          <th>{t('db.mistake')}</th>
          <th>{t('db.scenario')}</th>
          <th>{t('db.inRuns')}</th>
          {group && <th>{t('db.byTrainees')}</th>}
        </tr>
      </thead>
      <tbody>
        {mistakes.map((m) => (
          <tr key={`${m.scenarioId}/${m.kind}/${m.id}`} data-kind={m.kind} data-runs={m.runs}>
            <td>
              {t(`db.mistake.${m.kind}` as StringKey)}
              {m.text ? `: ${textIn(m.text, lang)}` : ''}
            </td>
            <td>{titles[m.scenarioId] ?? m.scenarioId}</td>
            <td>{m.runs}</td>
            {group && <td>{m.trainees.join(', ')}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
