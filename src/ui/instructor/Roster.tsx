import { useEffect, useState } from 'react';
import { useT } from '../../state/ui';
import { usePlant } from '../../app/PlantConnection';
import { useSession, useSessionClient } from '../../session/useSession';
import { followStore, useFollow } from '../../session/followStore';
import type { Presence } from '../../protocol/session';
import type { ScenarioRole } from '../../protocol/actions';
import { plantBounds } from './plantBounds';

/** How often the roster's positions are redrawn (presence itself comes ≥ 10 Hz). */
const ROSTER_MS = 500;

/** Everyone in the session: device, link, where they stand on the plant map and what they look at. */
export function Roster() {
  const t = useT();
  const c = useSessionClient();
  const info = useSession((s) => s.info);
  const plant = usePlant((s) => s.info?.plant);
  const follow = useFollow((s) => s.pid);
  const [poses, setPoses] = useState<Presence[]>([]);
  useEffect(() => {
    if (!c) return;
    const id = setInterval(() => setPoses([...c.presence.values()]), ROSTER_MS);
    return () => clearInterval(id);
  }, [c]);
  if (!info || !c) return null;
  const me = c.session.getState().me.participantId;
  const b = plant ? plantBounds(plant) : null;
  return (
    <section className="roster" data-testid="roster">
      <table>
        <tbody>
          {info.participants
            .filter((p) => p.pid !== me)
            .map((p) => {
              const pose = poses.find((x) => x.pid === p.pid);
              return (
                <tr key={p.pid} data-testid={`roster-${p.name}`} data-pid={p.pid}>
                  <td>
                    <b>{p.name}</b>
                    <div className="muted">
                      {t(`role.${p.role}` as never)} · {t(`device.${p.device}` as never)}
                    </div>
                  </td>
                  <td data-testid="roster-connected">{p.connected ? '●' : '○'}</td>
                  <td className="mono" data-testid="roster-pos">
                    {pose ? `${pose.head.p[0].toFixed(0)}, ${pose.head.p[2].toFixed(0)}` : '—'}
                    <div className="muted">{pose?.lookingAt ?? ''}</div>
                  </td>
                  <td>
                    {p.role === 'trainee' && (
                      <select
                        data-testid="roster-part"
                        value={p.scenarioRole ?? ''}
                        onChange={(e) =>
                          e.target.value &&
                          void c.act({ kind: 'assign', pid: p.pid, scenarioRole: e.target.value as ScenarioRole })
                        }
                      >
                        <option value="">{t('part.none')}</option>
                        <option value="field">{t('part.field')}</option>
                        <option value="console">{t('part.console')}</option>
                      </select>
                    )}
                    {p.role !== 'instructor' && (
                      <button
                        data-testid="roster-follow"
                        className={follow === p.pid ? 'active' : ''}
                        onClick={() => followStore.setState({ pid: follow === p.pid ? null : p.pid })}
                      >
                        {t('sessionFollow')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
      {b && (
        <svg className="roster-map" viewBox={`${b.x0} ${b.z0} ${b.w} ${b.h}`} data-testid="roster-map">
          <rect x={b.x0} y={b.z0} width={b.w} height={b.h} fill="#eceff1" />
          {b.tanks.map((tk) => (
            <circle key={tk.tag} cx={tk.x} cy={tk.z} r={tk.r} fill="#b0bec5" />
          ))}
          {poses.map((p) => (
            <g key={p.pid}>
              <circle cx={p.head.p[0]} cy={p.head.p[2]} r={b.w / 60} fill={p.device === 'vr' ? '#e65100' : '#1565c0'} />
              <text x={p.head.p[0]} y={p.head.p[2] - b.w / 40} fontSize={b.w / 30} textAnchor="middle">
                {p.name}
              </text>
            </g>
          ))}
        </svg>
      )}
    </section>
  );
}
