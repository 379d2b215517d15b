import { usePlant, usePlantConnection } from '../app/PlantConnection';
import type { ThreeEvent } from '@react-three/fiber';

/**
 * The hazards a hazard-spotting scenario places in the plant: a marker each; clicking one reports it
 * (the same report a trainee makes from the HUD). Drawn only while such a scenario runs.
 */
export function Hazards() {
  const conn = usePlantConnection();
  const tr = usePlant((s) => s.training);
  if (!tr || tr.phase !== 'running' || tr.scenario.hazards.length === 0) return null;
  const report = (id: string) => (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    void conn.command({ type: 'report', subject: 'hazard', detail: id });
  };
  return (
    <group name="hazards">
      {tr.scenario.hazards.map((h) => (
        <mesh key={h.id} position={h.position} onClick={report(h.id)} name={`hazard-${h.id}`}>
          <octahedronGeometry args={[0.6]} />
          <meshStandardMaterial color="#ffb300" emissive="#7a4a00" />
        </mesh>
      ))}
    </group>
  );
}
