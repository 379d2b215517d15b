import { Canvas } from '@react-three/fiber';
import { XR, useXR } from '@react-three/xr';
import { useUi, useT } from './state/ui';
import { PlantScene, plantCenter } from './scene/PlantScene';
import { CameraRig } from './scene/CameraRig';
import { FrameStats } from './scene/FrameStats';
import { xrStore } from './state/xrSession';
import { XrRig } from './xr/XrRig';
import { Teleport } from './xr/Teleport';
import { ArStage } from './xr/ArStage';
import { lazy, Suspense } from 'react';
import { HeldItemHud } from './ui/HeldItemHud';
// the VR panel (SDF text) loads only when a VR session needs it, keeping it out of the first download
const InWorldPanel = lazy(() => import('./xr/InWorldPanel').then((m) => ({ default: m.InWorldPanel })));
import { Portables } from './scene/Portables';
import { PlantAudio } from './scene/Audio';
import { ControlRoom } from './console/ControlRoom';

import { Toolbar } from './ui/Toolbar';
import { AlarmList } from './ui/AlarmList';
import { Legend } from './ui/Legend';
import { A11yLayer } from './ui/a11y/A11yLayer';
import { CaptionStrip } from './ui/a11y/CaptionStrip';
import { Banner } from './ui/Banner';
import { UpdateBanner } from './pwa/UpdateBanner';
import { ScenarioHud } from './ui/ScenarioHud';
import { RecordSaveStatus } from './ui/RecordSaveStatus';
import { Hazards } from './scene/Hazards';
import { PanelBoundary } from './ui/PanelBoundary';
// the panels and the QR page load when first opened (lazyPanels.ts)
import {
  DataQualityPanel,
  EnergyPanel,
  Faceplate,
  Hmi,
  PlantMap,
  QrPage,
  RecordsPanel,
  TrainingPanel,
  TrendsPanel,
  TwinPanel,
  ValidationPanel,
} from './lazyPanels';
import { usePlant } from './app/PlantConnection';
import { SessionScene } from './scene/Avatars';
import { SessionHud } from './session/SessionHud';

function VrOnly({ children }: { children: React.ReactNode }) {
  const vr = useXR((s) => s.mode === 'immersive-vr');
  return vr ? <>{children}</> : null;
}

/** Parts shown once the worker runs the plant; before that the page draws the static plant alone. */
function WhenRunning({ children }: { children: React.ReactNode }) {
  const running = usePlant((s) => s.info !== null);
  return running ? <>{children}</> : null;
}

export function App() {
  const info = usePlant((s) => s.info);
  const preview = usePlant((s) => s.preview);
  const fatal = useUi((s) => s.fatal);
  const panel = useUi((s) => s.panel);
  const page = useUi((s) => s.page);
  const t = useT();
  if (fatal)
    return (
      <pre className="fatal" data-testid="fatal">
        {fatal}
      </pre>
    );
  const plant = info?.plant ?? preview;
  if (!plant || (!info && page === 'qr')) return <div className="loading">{t('loading')}</div>;
  if (page === 'qr')
    return (
      <PanelBoundary>
        <Suspense fallback={<div className="loading">{t('loading')}</div>}>
          <QrPage />
        </Suspense>
      </PanelBoundary>
    );
  const c = plantCenter(plant);
  return (
    <div className="app">
      {/* the Display settings (text size, palette) apply to the static plant too */}
      <A11yLayer />
      <WhenRunning>
        <Toolbar />
        <Banner />
        <UpdateBanner />
      </WhenRunning>
      <div className="stage" id="main">
        <Canvas
          camera={{ position: [c[0] - 110, 95, c[2] + 150], fov: 50, near: 0.1, far: 2000 }}
          gl={{ antialias: true, preserveDrawingBuffer: true }}
          // the static plant is drawn once: the worker's start-up messages then find this thread free
          frameloop={info ? 'always' : 'demand'}
          shadows="percentage"
          data-testid="scene"
        >
          <color attach="background" args={['#cfd8e3']} />
          <XR store={xrStore}>
            <ArStage plant={plant}>
              <PlantScene plant={plant} />
              <WhenRunning>
                <ControlRoom plant={plant} />
                <Hazards />
                <Portables />
              </WhenRunning>
            </ArStage>
            <CameraRig center={c} />
            <WhenRunning>
              <SessionScene />
              <XrRig />
              <Teleport plant={plant} />
              <VrOnly>
                <PanelBoundary inScene>
                  <Suspense fallback={null}>
                    <InWorldPanel />
                  </Suspense>
                </PanelBoundary>
              </VrOnly>
              <PlantAudio plant={plant} />
            </WhenRunning>
          </XR>
          <FrameStats />
        </Canvas>
        <WhenRunning>
          <Legend />
          <CaptionStrip />
          <HeldItemHud />
          <PanelBoundary>
            <Suspense fallback={null}>
              <Faceplate plant={plant} />
            </Suspense>
          </PanelBoundary>
          <PanelBoundary resetKey={panel}>
            <Suspense fallback={null}>
              {panel === 'hmi' && <Hmi plant={plant} />}
              {panel === 'map' && <PlantMap plant={plant} />}
              {panel === 'trends' && <TrendsPanel />}
              {panel === 'training' && <TrainingPanel />}
              {panel === 'records' && <RecordsPanel />}
              {panel === 'quality' && <DataQualityPanel />}
              {panel === 'validation' && <ValidationPanel />}
              {panel === 'twin' && <TwinPanel />}
              {panel === 'energy' && <EnergyPanel plant={plant} />}
            </Suspense>
          </PanelBoundary>
          <ScenarioHud />
          <RecordSaveStatus />
          <SessionHud />
          <div className="alarm-dock" role="region" aria-label={t('a11y.alarms')}>
            <AlarmList compact />
          </div>
        </WhenRunning>
        {!info && <div className="loading">{t('loading')}</div>}
      </div>
    </div>
  );
}
