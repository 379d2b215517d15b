import RAPIER from '@dimforge/rapier3d-compat';
import type { PlantData } from '../sim/plant/schema';
import type { PlayerInput } from '../protocol/frame';
import { PLAYER_HEIGHT_M, PLAYER_RADIUS_M, RUN_M_S, WALK_M_S, stairSteps } from '../protocol/walking';
import { roomWalls } from '../console/room';

export { PLAYER_HEIGHT_M, PLAYER_RADIUS_M, RUN_M_S, STAIR_RISE_M, WALK_M_S, stairSteps } from '../protocol/walking';

// The plant's solid parts for walking: static colliders built from the plant data (ground, tanks and
// their ring walls, spiral stairs, bund walls, buildings, pipe-rack posts), a player capsule moved by a
// kinematic character controller, and the road tankers as bodies.

const GRAVITY = -9.81;

let rapierReady: Promise<void> | null = null;
export function initRapier(): Promise<void> {
  return (rapierReady ??= RAPIER.init());
}

export class PlantPhysics {
  readonly world: RAPIER.World;
  private readonly controller: RAPIER.KinematicCharacterController;
  private readonly player: RAPIER.RigidBody;
  private readonly playerCollider: RAPIER.Collider;
  private vy = 0;
  private readonly trucks = new Map<string, RAPIER.RigidBody>();
  grounded = false;

  private constructor(
    readonly plant: PlantData,
    start: { x: number; y: number; z: number },
  ) {
    this.world = new RAPIER.World({ x: 0, y: GRAVITY, z: 0 });
    const w = this.world;
    const fixed = (desc: RAPIER.ColliderDesc, x: number, y: number, z: number, rotY = 0) => {
      const body = w.createRigidBody(RAPIER.RigidBodyDesc.fixed().setTranslation(x, y, z).setRotation(quatY(rotY)));
      w.createCollider(desc, body);
    };
    fixed(RAPIER.ColliderDesc.cuboid(400, 0.5, 400), 80, -0.5, 30); // ground
    for (const t of plant.tanks) {
      const r = t.diameter_m / 2;
      fixed(
        RAPIER.ColliderDesc.cylinder(t.shellHeight_m / 2 + t.ringWallHeight_m / 2, r + 0.15),
        t.position.x,
        (t.shellHeight_m + t.ringWallHeight_m) / 2,
        t.position.z,
      );
      for (const s of stairSteps(t.shellHeight_m)) {
        const rr = r + 0.15 + 0.5;
        fixed(
          RAPIER.ColliderDesc.cuboid(0.5, 0.05, 0.3),
          t.position.x + Math.sin(s.angle) * rr,
          s.y - 0.05,
          t.position.z - Math.cos(s.angle) * rr,
          -s.angle,
        );
      }
    }
    const b = plant.bund;
    const h = b.height_m / 2;
    fixed(RAPIER.ColliderDesc.cuboid((b.x1 - b.x0) / 2, h, 0.15), (b.x0 + b.x1) / 2, h, b.z0);
    fixed(RAPIER.ColliderDesc.cuboid((b.x1 - b.x0) / 2, h, 0.15), (b.x0 + b.x1) / 2, h, b.z1);
    fixed(RAPIER.ColliderDesc.cuboid(0.15, h, (b.z1 - b.z0) / 2), b.x0, h, (b.z0 + b.z1) / 2);
    fixed(RAPIER.ColliderDesc.cuboid(0.15, h, (b.z1 - b.z0) / 2), b.x1, h, (b.z0 + b.z1) / 2);
    for (const bd of plant.buildings) {
      if (bd.kind === 'musterPoint' || bd.kind === 'heaterHouse') continue; // open shed / marking on the ground
      if (bd.kind === 'controlRoom') {
        // walls with a door and windows: the operator console stands inside (src/console/room.ts)
        for (const k of roomWalls(bd)) fixed(RAPIER.ColliderDesc.cuboid(k.sx / 2, k.sy / 2, k.sz / 2), k.x, k.y, k.z);
        continue;
      }
      fixed(
        RAPIER.ColliderDesc.cuboid(bd.size.x / 2, bd.size.y / 2, bd.size.z / 2),
        bd.position.x,
        bd.size.y / 2,
        bd.position.z,
      );
    }
    const rack = plant.pipeRack;
    for (let x = rack.x0; x <= rack.x1; x += 6) {
      fixed(RAPIER.ColliderDesc.cuboid(0.15, rack.height_m / 2, 0.15), x, rack.height_m / 2, rack.z - rack.width_m / 2);
      fixed(RAPIER.ColliderDesc.cuboid(0.15, rack.height_m / 2, 0.15), x, rack.height_m / 2, rack.z + rack.width_m / 2);
    }
    const half = PLAYER_HEIGHT_M / 2 - PLAYER_RADIUS_M;
    this.player = w.createRigidBody(
      RAPIER.RigidBodyDesc.kinematicPositionBased().setTranslation(start.x, start.y + PLAYER_HEIGHT_M / 2, start.z),
    );
    this.playerCollider = w.createCollider(RAPIER.ColliderDesc.capsule(half, PLAYER_RADIUS_M), this.player);
    this.controller = w.createCharacterController(0.02);
    this.controller.enableAutostep(0.35, 0.15, false);
    this.controller.enableSnapToGround(0.4);
    this.controller.setMaxSlopeClimbAngle((50 * Math.PI) / 180);
    this.controller.setApplyImpulsesToDynamicBodies(true);
  }

  static async create(plant: PlantData, start = { x: -10, y: 0, z: 25 }): Promise<PlantPhysics> {
    await initRapier();
    return new PlantPhysics(plant, start);
  }

  /** Move the player by the input for dt seconds; returns the feet position. */
  movePlayer(input: PlayerInput, dt: number, out: { x: number; y: number; z: number }): void {
    const speed = input.run ? RUN_M_S : WALK_M_S;
    const f = clamp(input.forward);
    const r = clamp(input.right);
    // yaw 0 looks towards −z (north); x is east
    const sin = Math.sin(input.yaw);
    const cos = Math.cos(input.yaw);
    const dx = (-sin * f + cos * r) * speed * dt;
    const dz = (-cos * f - sin * r) * speed * dt;
    this.vy = this.grounded ? -0.5 : Math.max(this.vy + GRAVITY * dt, -20);
    this.controller.computeColliderMovement(this.playerCollider, { x: dx, y: this.vy * dt, z: dz });
    const mv = this.controller.computedMovement();
    this.grounded = this.controller.computedGrounded();
    const p = this.player.translation();
    const next = { x: p.x + mv.x, y: p.y + mv.y, z: p.z + mv.z };
    this.player.setNextKinematicTranslation(next);
    this.world.step();
    out.x = next.x;
    out.y = next.y - PLAYER_HEIGHT_M / 2;
    out.z = next.z;
  }

  /**
   * Put the walker at (x, y, z) if a person fits there: a target inside a tank, a wall or a building is
   * refused (the teleport arc passes through solids to the ground, the body may not).
   */
  teleport(x: number, y: number, z: number): boolean {
    const centre = { x, y: y + PLAYER_HEIGHT_M / 2 + 0.05, z };
    const shape = new RAPIER.Capsule(PLAYER_HEIGHT_M / 2 - PLAYER_RADIUS_M, PLAYER_RADIUS_M);
    const hit = this.world.intersectionWithShape(
      centre,
      { x: 0, y: 0, z: 0, w: 1 },
      shape,
      undefined,
      undefined,
      this.playerCollider,
    );
    if (hit) return false;
    this.player.setTranslation({ x, y: y + PLAYER_HEIGHT_M / 2, z }, true);
    this.vy = 0;
    return true;
  }

  /** Road tankers are dynamic boxes parked under their arm while present. */
  setTruck(arm: string, present: boolean, x: number, z: number): void {
    const body = this.trucks.get(arm);
    if (present && !body) {
      const rb = this.world.createRigidBody(RAPIER.RigidBodyDesc.dynamic().setTranslation(x, 1.9, z).lockRotations());
      this.world.createCollider(RAPIER.ColliderDesc.cuboid(1.25, 1.9, 6).setMass(12000), rb);
      this.trucks.set(arm, rb);
    } else if (!present && body) {
      this.world.removeRigidBody(body);
      this.trucks.delete(arm);
    }
  }

  truckPosition(arm: string): { x: number; y: number; z: number } | null {
    const b = this.trucks.get(arm);
    return b ? b.translation() : null;
  }

  private readonly items = new Map<string, RAPIER.RigidBody>();

  /** A portable item: a small dynamic body resting where it is put. */
  addItem(tag: string, x: number, y: number, z: number, half: [number, number, number]): void {
    const rb = this.world.createRigidBody(
      RAPIER.RigidBodyDesc.dynamic()
        .setTranslation(x, y + half[1] + 0.02, z)
        .setLinearDamping(0.5)
        .setAngularDamping(2),
    );
    this.world.createCollider(
      RAPIER.ColliderDesc.cuboid(...half)
        .setDensity(600)
        .setFriction(0.9),
      rb,
    );
    this.items.set(tag, rb);
  }

  /** Held items follow the hand kinematically; dropped ones fall and rest under gravity. */
  holdItem(tag: string, held: boolean): boolean {
    const rb = this.items.get(tag);
    if (!rb) return false;
    rb.setBodyType(held ? RAPIER.RigidBodyType.KinematicPositionBased : RAPIER.RigidBodyType.Dynamic, true);
    if (!held) rb.setLinvel({ x: 0, y: 0, z: 0 }, true);
    return true;
  }

  moveItem(tag: string, x: number, y: number, z: number): void {
    const rb = this.items.get(tag);
    if (rb && rb.isKinematic()) rb.setNextKinematicTranslation({ x, y, z });
  }

  itemPosition(tag: string): { x: number; y: number; z: number } | null {
    const rb = this.items.get(tag);
    return rb ? rb.translation() : null;
  }

  itemHeld(tag: string): boolean {
    return this.items.get(tag)?.isKinematic() ?? false;
  }

  free(): void {
    this.world.free();
  }
}

function clamp(v: number): number {
  return Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
}

function quatY(angle: number): { x: number; y: number; z: number; w: number } {
  return { x: 0, y: Math.sin(angle / 2), z: 0, w: Math.cos(angle / 2) };
}
