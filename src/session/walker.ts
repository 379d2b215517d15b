import { H, type PlayerInput } from '../protocol/frame';
import { RUN_M_S, WALK_M_S } from '../protocol/walking';

/**
 * The walker of a page in a shared session. The station's plant runs no walking physics (each person walks
 * on their own), so the page moves its person here: on level ground, without colliders, at the worker's
 * walking and running pace. A later version can run the local physics worker for this; the plain walker is
 * enough to go and look, and keeps the headset's page free of rapier.
 */
export class Walker {
  /** Feet position, m (x east, z south), and the view's heading (0 faces north, −z). */
  x = -10;
  y = 0;
  z = 25;
  yaw = 0;
  private input: PlayerInput = { forward: 0, right: 0, yaw: 0, run: false };
  private last = 0;

  setInput(i: PlayerInput): void {
    this.advance();
    this.input = i;
    this.yaw = i.yaw;
  }

  teleport(x: number, y: number, z: number): boolean {
    if (![x, y, z].every(Number.isFinite)) return false;
    this.x = x;
    this.y = Math.max(0, y);
    this.z = z;
    return true;
  }

  /** Move by the input for the wall time since the last call (the walker is not the plant's clock). */
  advance(now = performance.now()): void {
    const dt = this.last ? Math.min(0.25, (now - this.last) / 1000) : 0;
    this.last = now;
    const i = this.input;
    if (dt === 0 || (i.forward === 0 && i.right === 0)) return;
    const speed = i.run ? RUN_M_S : WALK_M_S;
    const f = Math.max(-1, Math.min(1, i.forward));
    const r = Math.max(-1, Math.min(1, i.right));
    const sin = Math.sin(i.yaw);
    const cos = Math.cos(i.yaw);
    this.x += (-sin * f + cos * r) * speed * dt;
    this.z += (-cos * f - sin * r) * speed * dt;
  }

  /** Write the walker into a frame's header, where the scene reads the player from. */
  writeTo(values: Float64Array): void {
    this.advance();
    values[H.playerX] = this.x;
    values[H.playerY] = this.y;
    values[H.playerZ] = this.z;
    values[H.playerYaw] = this.yaw;
    values[H.grounded] = 1;
  }
}
