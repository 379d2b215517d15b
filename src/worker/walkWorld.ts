import type { PlantData } from '../sim/plant/schema';
import type { Simulation } from '../sim/simulation';
import { MAX_ITEMS, type ItemInfo, type PlayerInput } from '../protocol/frame';
import { PlantPhysics } from './physics';

export type PlacedItem = ItemInfo & { x: number; z: number };

const STILL: PlayerInput = { forward: 0, right: 0, yaw: 0, run: false };

/** The portable items a plant holds: its detectors and the extinguisher by each loading bay. */
export function plantItems(plant: PlantData): PlacedItem[] {
  return [
    ...plant.portables.map((p) => ({ tag: p.tag, kind: p.kind, name: p.name, x: p.position.x, z: p.position.z })),
    ...plant.loading.stations
      .flatMap((st) => st.bays)
      .map((b) => ({
        tag: b.extinguisher,
        kind: 'extinguisher' as const,
        name: `Fire extinguisher at ${b.tag}`,
        x: b.position.x - 7.5,
        z: b.position.z + 4.5,
      })),
  ].slice(0, MAX_ITEMS);
}

/**
 * The walker's world: rapier physics (optional, tests of the plant alone skip it), the player's input and
 * feet position, the portable items and the road tankers mirrored from the plant state.
 */
export class WalkWorld {
  physics: PlantPhysics | null = null;
  input: PlayerInput = { ...STILL };
  readonly player = { x: 0, y: 0, z: 0 };
  items: PlacedItem[] = [];
  private readonly still: PlayerInput = { ...STILL };

  async build(plant: PlantData, withPhysics: boolean): Promise<void> {
    this.items = plantItems(plant);
    if (!withPhysics) return;
    this.physics?.free();
    this.physics = await PlantPhysics.create(plant);
    for (const it of this.items)
      this.physics.addItem(it.tag, it.x, 0, it.z, it.kind === 'gasDetector' ? [0.05, 0.1, 0.03] : [0.1, 0.3, 0.1]);
    this.physics.movePlayer(this.input, 0.016, this.player);
  }

  get grounded(): boolean {
    return this.physics?.grounded ?? false;
  }

  walk(wall_s: number): void {
    if (this.physics && wall_s > 0) this.physics.movePlayer(this.input, Math.min(wall_s, 0.1), this.player);
  }

  teleport(x: number, y: number, z: number): boolean {
    if (!this.physics || ![x, y, z].every(Number.isFinite)) return false;
    const ok = this.physics.teleport(x, y, z);
    if (ok) {
      this.still.yaw = this.input.yaw;
      this.physics.movePlayer(this.still, 0.016, this.player);
    }
    return ok;
  }

  /** Park a tanker body under each arm whose truck is present. */
  syncTrucks(sim: Simulation): void {
    if (!this.physics) return;
    const m = sim.model;
    for (let a = 0; a < m.arms.length; a++) {
      const arm = m.arms[a];
      this.physics.setTruck(arm.tag, sim.state.arms[a].truck.present, arm.data.position.x, arm.data.position.z + 4);
    }
  }

  holdItem(tag: string, held: boolean): boolean {
    return this.physics?.holdItem(tag, held) ?? false;
  }

  moveItem(tag: string, x: number, y: number, z: number): void {
    this.physics?.moveItem(tag, x, y, z);
  }

  /** Where an item is now: from the physics when it runs, else where the plant put it. */
  itemAt(k: number, out: { x: number; y: number; z: number }): { x: number; y: number; z: number } {
    const it = this.items[k];
    const p = this.physics?.itemPosition(it.tag);
    out.x = p ? p.x : it.x;
    out.y = p ? p.y : 0;
    out.z = p ? p.z : it.z;
    return out;
  }

  itemHeld(k: number): boolean {
    return this.physics?.itemHeld(this.items[k].tag) ?? false;
  }
}
