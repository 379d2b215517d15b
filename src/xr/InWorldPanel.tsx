import { useMemo, useRef, useState } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Text } from '@react-three/drei';
import { Vector3, type Group } from 'three';
import { useXR } from '@react-three/xr';
import { t, ui, useUi } from '../state/ui';
import { equipmentName } from '../i18n/equipmentNames';
import { alarmText } from '../i18n/alarmTexts';
import { quantityName } from '../i18n/uiText';
import { h2sDanger_ppm } from '../plantView/limits';
import { buildEquipment } from '../plantView/equipmentCatalog';
import { formatPlantTime } from '../app/format';
import { valueText } from '../app/drawQuality';
import { textIn } from '../scenario/schema';
import { detectorReading } from '../scene/portablePickup';
import { usePlant, usePlantConnection } from '../app/PlantConnection';
import { useSession } from '../session/useSession';
import { loopStatusWords, readLoop } from '../ui/control/loopState';
import { VrCaptionLine } from '../ui/a11y/VrCaptionLine';
import { vrPanelText } from '../state/vrPanel';

// A floating panel that rides beside the trainee's view in VR: live values of the equipment they look
// at, the alarm list with acknowledge, and the scenario's latest instruction. SDF text, 28 mm at 0.8 m
// (≈ 2° of view, twice the 1° minimum for reading), refreshed four times a second.

const fwd = new Vector3();
const to = new Vector3();
const eye = new Vector3();
export const PANEL_REFRESH_MS = 250;
/** A local font with Thai and Latin glyphs: SDF text never fetches fonts from the network. */
const FONT = new URL('fonts/Garuda.ttf', location.href).href;

export function InWorldPanel() {
  const inVR = useXR((s) => s.mode === 'immersive-vr');
  if (!inVR) return null;
  return <Panel />;
}

function DetectorLine() {
  const conn = usePlantConnection();
  const [v, setV] = useState<number | null>(null);
  const danger_ppm = usePlant((s) => h2sDanger_ppm(s.info?.plant));
  const last = useRef(0);
  useFrame(() => {
    const now = performance.now();
    if (now - last.current < PANEL_REFRESH_MS) return;
    last.current = now;
    const r = detectorReading(conn);
    setV((p) => (p === r || (p !== null && r !== null && Math.abs(p - r) < 0.05) ? p : r));
  });
  if (v === null) return null;
  return (
    <Text
      font={FONT}
      position={[-0.23, -0.2, 0]}
      fontSize={0.026}
      anchorX="left"
      color={v >= danger_ppm ? '#ff5252' : '#b9f6ca'}
    >{`GD-1 H2S ${v.toFixed(1)} ppm`}</Text>
  );
}

function Panel() {
  const conn = usePlantConnection();
  const info = usePlant((s) => s.info)!;
  const alarms = usePlant((s) => s.alarms);
  const training = usePlant((s) => s.training);
  const lang = useUi((s) => s.lang);
  const camera = useThree((s) => s.camera);
  const g = useRef<Group>(null);
  const eq = useMemo(() => buildEquipment(info.plant).filter((e) => e.kind !== 'building'), [info]);
  const [lines, setLines] = useState<string[]>([]);
  const last = useRef(0);
  useFrame(() => {
    const p = g.current;
    if (!p) return;
    camera.getWorldPosition(eye);
    camera.getWorldDirection(fwd);
    // ride 0.8 m ahead, a little left and low, facing the eyes
    p.position.set(eye.x + fwd.x * 0.8 - fwd.z * 0.35, eye.y - 0.25, eye.z + fwd.z * 0.8 + fwd.x * 0.35);
    p.lookAt(eye);
    p.position.toArray(vrPanelText.at_m);
    eye.toArray(vrPanelText.eye_m);
    const now = performance.now();
    if (now - last.current < PANEL_REFRESH_MS) return;
    last.current = now;
    let best = -1;
    let bestCos = Math.cos((8 * Math.PI) / 180);
    eq.forEach((e, i) => {
      to.set(e.position[0] - eye.x, e.position[1] - eye.y, e.position[2] - eye.z);
      const d = to.length();
      if (d > 60) return;
      const cos = to.dot(fwd) / d;
      if (cos > bestCos) {
        bestCos = cos;
        best = i;
      }
    });
    const c = conn;
    const out: string[] = [];
    if (best >= 0) {
      const e = eq[best];
      out.push(`${e.tag}  ${equipmentName(e, info.plant, ui.getState().lang)}`);
      info.tags
        .filter((t) => t.name.startsWith(`${e.tagPrefix}.`) && !/layer\d/.test(t.name))
        .slice(0, 5)
        .forEach((t) =>
          out.push(
            `${quantityName(t.name.slice(t.name.indexOf('.') + 1), ui.getState().lang)}: ${valueText(c, t.name, t.unit)}`,
          ),
        );
      // the loop's MPC or auto-tune, as its desktop faceplate shows it
      const status =
        e.kind === 'tank' || e.kind === 'heater'
          ? loopStatusWords(
              readLoop((x) => c.value(x), e.tagPrefix),
              t,
            )
          : '';
      if (status) out.push(status);
    } else out.push(t('lookAtEquipment'));
    setLines((prev) => (prev.join('\n') === out.join('\n') ? prev : out));
    vrPanelText.lines = out;
  });
  const msg = training?.status?.messages.at(-1);
  const said = useSession((s) => s.messages.at(-1));
  return (
    <group ref={g} name="in-world-panel">
      <mesh position={[0, 0, -0.005]}>
        <planeGeometry args={[0.5, 0.42]} />
        <meshBasicMaterial color="#1e2328" transparent opacity={0.85} />
      </mesh>
      <Text
        font={FONT}
        position={[-0.23, 0.19, 0]}
        fontSize={0.028}
        maxWidth={0.46}
        anchorX="left"
        anchorY="top"
        color="#ffffff"
        lineHeight={1.25}
      >
        {lines.join('\n')}
      </Text>
      <Text
        font={FONT}
        position={[-0.23, -0.02, 0]}
        fontSize={0.024}
        maxWidth={0.46}
        anchorX="left"
        anchorY="top"
        color={alarms.some((a) => a.state === 'unack') ? '#ff8a80' : '#c5cae9'}
      >
        {alarms.length
          ? alarms
              .slice(0, 3)
              .map((a) => `${a.priority.toUpperCase()} ${a.tag} ${alarmText(a, info.plant, lang)}`)
              .join('\n')
          : t('noAlarms', lang)}
      </Text>
      {alarms.some((a) => a.state === 'unack' || a.state === 'rtnUnack') && (
        <group
          position={[0.17, -0.17, 0]}
          onClick={(e) => (e.stopPropagation(), void conn.command({ type: 'ackAll' }))}
        >
          <mesh>
            <planeGeometry args={[0.12, 0.05]} />
            <meshBasicMaterial color="#f9a825" />
          </mesh>
          <Text font={FONT} position={[0, 0, 0.001]} fontSize={0.022} color="#000">
            ACK
          </Text>
        </group>
      )}
      <DetectorLine />
      <VrCaptionLine font={FONT} />
      {said && (
        <Text
          font={FONT}
          position={[-0.23, -0.255, 0]}
          fontSize={0.02}
          maxWidth={0.46}
          anchorX="left"
          anchorY="top"
          color="#80d8ff"
          name="instructor-message"
        >{`${said.from.name}: ${said.text}`}</Text>
      )}
      {training && (
        <Text
          font={FONT}
          position={[-0.23, -0.15, 0]}
          fontSize={0.02}
          maxWidth={0.36}
          anchorX="left"
          anchorY="top"
          color="#ffe082"
        >
          {msg ? `${formatPlantTime(msg.t_s)} ${textIn(msg.text, lang)}` : textIn(training.scenario.title, lang)}
        </Text>
      )}
    </group>
  );
}
