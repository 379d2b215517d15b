import type { Role } from '../protocol/actions';
import type { Device, Pose, Presence } from '../protocol/session';

/** A little faster than the 10 Hz the protocol asks for, so timer jitter never takes it below. */
export const PRESENCE_MS = 90;

/**
 * What this page publishes of its person. The scene writes the pose into the fixed arrays below every
 * drawn frame (no allocation there); a timer serialises it PRESENCE_MS apart. Nothing is sent while the
 * person has not moved for a second, except a keep-alive every two seconds.
 */
export class PresenceOut {
  readonly head: Pose = { p: [-10, 1.6, 25], q: [0, 0, 0, 1] };
  readonly left: Pose = { p: [0, 0, 0], q: [0, 0, 0, 1] };
  readonly right: Pose = { p: [0, 0, 0], q: [0, 0, 0, 1] };
  /** Whether the hands are tracked (XR controllers or hands); desktop pages send no hands. */
  hands = false;
  held: string | null = null;
  lookingAt: string | null = null;
  /** Presence messages sent, for the figures. */
  sent = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private last = '';
  private lastAt = 0;

  constructor(
    readonly pid: string,
    readonly name: string,
    readonly role: Role,
    readonly device: Device,
  ) {}

  message(): Presence {
    const r = (n: number) => Math.round(n * 1000) / 1000;
    const pose = (x: Pose): Pose => ({
      p: [r(x.p[0]), r(x.p[1]), r(x.p[2])],
      q: [r(x.q[0]), r(x.q[1]), r(x.q[2]), r(x.q[3])],
    });
    return {
      pid: this.pid,
      name: this.name,
      role: this.role,
      device: this.device,
      head: pose(this.head),
      ...(this.hands && { hands: { left: pose(this.left), right: pose(this.right) } }),
      held: this.held,
      lookingAt: this.lookingAt,
      t_ms: Date.now(),
    };
  }

  start(publish: (payload: string) => unknown): void {
    this.timer = setInterval(() => {
      const m = this.message();
      const sig = JSON.stringify({ ...m, t_ms: 0 });
      const now = Date.now();
      if (sig === this.last && now - this.lastAt < 2000) return;
      if (publish(JSON.stringify(m))) {
        this.last = sig;
        this.lastAt = now;
        this.sent++;
      }
    }, PRESENCE_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
