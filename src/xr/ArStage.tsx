import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useFrame } from '@react-three/fiber';
import { useXR, useXRHitTest, XRDomOverlay } from '@react-three/xr';
import { Matrix4, Quaternion, Vector3, type Group, type Mesh } from 'three';
import type { PlantData } from '../sim/plant/schema';
import { plantCenter } from '../scene/PlantScene';
import { Faceplate } from '../lazyPanels';
import { PlantConnectionProvider, usePlantConnection } from '../app/PlantConnection';

// AR on a phone: the whole plant as a table-top model. A reticle follows the surface the phone sees
// (hit test); a tap places the model there; buttons turn and scale it. Live values ride along, since the
// model is the same live scene, only scaled.

export const AR_SCALE = 1 / 400; // the 134 m bund becomes a third of a metre
const m = new Matrix4();
const pos = new Vector3();
const quat = new Quaternion();
const scl = new Vector3();
const UP = new Vector3(0, 1, 0);

export const arState = { placed: false, x: 0, y: 0, z: -0.6, rotation: 0, scale: AR_SCALE };

export function ArStage({ plant, children }: { plant: PlantData; children: ReactNode }) {
  const conn = usePlantConnection();
  const mode = useXR((s) => s.mode);
  const session = useXR((s) => s.session);
  const g = useRef<Group>(null);
  const reticle = useRef<Mesh>(null);
  const [, force] = useState(0);
  const c = plantCenter(plant);
  const ar = mode === 'immersive-ar';
  useEffect(() => {
    if (!ar || !session) return;
    const place = () => {
      if (!reticle.current?.visible) return;
      arState.placed = true;
      arState.x = reticle.current.position.x;
      arState.y = reticle.current.position.y;
      arState.z = reticle.current.position.z;
      force((n) => n + 1);
    };
    session.addEventListener('select', place);
    return () => session.removeEventListener('select', place);
  }, [ar, session]);
  useFrame(() => {
    const grp = g.current;
    if (!grp) return;
    if (!ar) {
      grp.position.set(0, 0, 0);
      grp.rotation.set(0, 0, 0);
      grp.scale.setScalar(1);
      return;
    }
    const s = arState.scale;
    grp.scale.setScalar(s);
    grp.rotation.set(0, arState.rotation, 0);
    // the plant's centre sits on the placed point
    pos.set(-c[0] * s, 0, -c[2] * s).applyAxisAngle(UP, arState.rotation);
    grp.position.set(arState.x + pos.x, arState.y, arState.z + pos.z);
  });
  return (
    <>
      <group ref={g} name="ar-stage">
        {children}
      </group>
      {ar && <HitTestReticle reticle={reticle} />}
      {ar && (
        <XRDomOverlay>
          {/* the selected equipment's live data and maintenance steps (a scanned QR tag selects it); the
              overlay is a separate React root, so the plant connection is handed over explicitly */}
          <div className="ar-faceplate">
            <PlantConnectionProvider connection={conn}>
              <Suspense fallback={null}>
                <Faceplate plant={plant} />
              </Suspense>
            </PlantConnectionProvider>
          </div>
          <div className="ar-controls" data-testid="ar-controls">
            <button onClick={() => (arState.rotation += Math.PI / 12)}>⟲</button>
            <button onClick={() => (arState.rotation -= Math.PI / 12)}>⟳</button>
            <button onClick={() => (arState.scale *= 1.25)}>＋</button>
            <button onClick={() => (arState.scale /= 1.25)}>－</button>
          </div>
        </XRDomOverlay>
      )}
    </>
  );
}

function HitTestReticle({ reticle }: { reticle: React.RefObject<Mesh | null> }) {
  useXRHitTest((results, getWorldMatrix) => {
    const r = reticle.current;
    if (!r) return;
    if (results.length === 0 || !getWorldMatrix(m, results[0])) {
      r.visible = false;
      return;
    }
    m.decompose(pos, quat, scl);
    r.position.copy(pos);
    r.visible = true;
  }, 'viewer');
  return (
    <mesh ref={reticle} rotation-x={-Math.PI / 2} visible={false} name="ar-reticle">
      <ringGeometry args={[0.05, 0.07, 32]} />
      <meshBasicMaterial color="#ffffff" />
    </mesh>
  );
}
