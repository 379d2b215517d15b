import { useUi, useT, ui } from '../state/ui';
import { Live } from './Live';
import { xrStore } from '../state/xrSession';
import { usePlant, usePlantConnection } from '../app/PlantConnection';
import { useCamera, cameraStore } from '../state/camera';
import { sessionOf } from '../session/SessionClient';
import { liveOf } from '../live/LiveClient';
import { LiveBar } from '../live/LiveBar';
import { TourHost } from './tour/TourHost';
import { openTour, toggleHelp } from './tour/tourStore';
import { DisplayMenu } from './a11y/DisplayMenu';
import { ComfortMenu } from './toolbar/ComfortMenu';
import { WeatherMenu } from './toolbar/WeatherMenu';

export const SPEEDS = [0.1, 1, 10, 60, 100, 1000];

export function Toolbar() {
  const conn = usePlantConnection();
  const t = useT();
  const running = usePlant((s) => s.running);
  const speed = usePlant((s) => s.speed);
  const view = useCamera((s) => s.view);
  const cutaway = useCamera((s) => s.cutaway);
  const panel = useUi((s) => s.panel);
  const lang = useUi((s) => s.lang);
  const c = conn;
  const toggle = (p: typeof panel) => ui.setState({ panel: panel === p ? 'none' : p });
  // in a shared session the clock, the weather and the scenario are the instructor's
  const shared = sessionOf(conn);
  const trainee = shared !== null && shared.session.getState().me.role !== 'instructor';
  // in live mode the clock is the real plant's and nothing is sent to it
  const live = liveOf(conn) !== null;
  return (
    <div className="toolbar" data-testid="toolbar" role="toolbar" aria-label={t('a11y.toolbar')}>
      <b className="brand">{t('appName')}</b>
      {shared === null && <LiveBar />}
      <button data-testid="run" hidden={trainee || live} onClick={() => void (running ? c.pause() : c.play())}>
        {running ? t('pause') : t('run')}
      </button>
      <button data-testid="step" disabled={running} hidden={trainee || live} onClick={() => void c.api.step(1)}>
        {t('step')}
      </button>
      <label hidden={live}>
        {t('speed')}
        <select
          data-testid="speed"
          value={speed}
          disabled={trainee}
          onChange={(e) => void c.setSpeed(Number(e.target.value))}
        >
          {[...new Set([...SPEEDS, speed])]
            .sort((a, b) => a - b)
            .map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
        </select>
      </label>
      <span className="clock" hidden={live}>
        {t('plantTime')} <Live tag="@time" className="mono" />
      </span>
      <span className="sep" />
      <button className={view === 'orbit' ? 'on' : ''} onClick={() => cameraStore.setState({ view: 'orbit' })}>
        {t('orbit')}
      </button>
      <button
        className={view === 'walk' ? 'on' : ''}
        data-testid="walk"
        onClick={() => cameraStore.setState({ view: 'walk' })}
        title={t('walkHint')}
      >
        {t('walk')}
      </button>
      <label>
        <input
          type="checkbox"
          checked={cutaway}
          onChange={(e) => cameraStore.setState({ cutaway: e.target.checked })}
        />{' '}
        {t('cutaway')}
      </label>
      <span className="sep" />
      <button className={panel === 'hmi' ? 'on' : ''} data-testid="open-hmi" onClick={() => toggle('hmi')}>
        {t('hmi')}
      </button>
      <button className={panel === 'map' ? 'on' : ''} onClick={() => toggle('map')}>
        {t('map')}
      </button>
      <button className={panel === 'trends' ? 'on' : ''} onClick={() => toggle('trends')}>
        {t('trends')}
      </button>
      <WeatherMenu hidden={trainee || live} />
      <button
        className={panel === 'training' ? 'on' : ''}
        hidden={shared !== null || live}
        data-testid="open-training"
        onClick={() => toggle('training')}
      >
        {t('training')}
      </button>
      <button className={panel === 'records' ? 'on' : ''} data-testid="open-records" onClick={() => toggle('records')}>
        {t('records')}
      </button>
      {/* the plan and the figures are of the simulated plant (the live twin's quality tab serves the real one) */}
      <button
        className={panel === 'energy' ? 'on' : ''}
        hidden={live}
        data-testid="open-energy"
        onClick={() => toggle('energy')}
      >
        {t('energy.open')}
      </button>
      <span className="sep" />
      <button className="danger" hidden={live} onClick={() => void c.command({ type: 'esd', active: true })}>
        {t('esd')}
      </button>
      <button hidden={live} onClick={() => void c.command({ type: 'esd', active: false })}>
        {t('esdReset')}
      </button>
      <span className="sep" />
      <button
        data-testid="enter-vr"
        onClick={() => void xrStore.enterVR().catch((e) => ui.setState({ notice: `${t('xrUnavailable')}: ${e}` }))}
      >
        {t('enterVR')}
      </button>
      <button
        onClick={() => void xrStore.enterAR().catch((e) => ui.setState({ notice: `${t('xrUnavailable')}: ${e}` }))}
      >
        {t('enterAR')}
      </button>
      <ComfortMenu />
      <DisplayMenu />
      <button onClick={() => ui.setState({ lang: lang === 'en' ? 'th' : 'en' })}>{t('language')}</button>
      <button data-testid="open-tour" title={t('tour.openTitle')} onClick={() => openTour()}>
        {t('tour.open')}
      </button>
      <button data-testid="open-help" title={t('help.openTitle')} onClick={() => toggleHelp()}>
        {t('help.open')}
      </button>
      <TourHost />
    </div>
  );
}
