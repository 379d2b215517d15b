import { useEffect, useState } from 'react';
import { useT } from '../../state/ui';
import { usePlantConnection } from '../../app/PlantConnection';
import { onLive } from '../../app/live';
import type { PlantData } from '../../sim/plant/schema';
import { useSimText } from '../../state/useSimText';

// The HMI's plant-wide switch: every tank loop (and the heater's supply set point) to MPC, or all back to PI.
// Which way the farm is now is read from the tanks' mode tags (3 = MPC), so a tank taken off MPC on its own
// faceplate, or dropped to PI by a fallback, shows as a partly-MPC farm.

export const MODE_MPC = 3;

/** How many of the tanks' loops are on MPC now. */
export function tanksOnMpc(read: (tag: string) => number, tanks: readonly string[]): number {
  let n = 0;
  for (const tag of tanks) if (read(`${tag}.mode`) === MODE_MPC) n++;
  return n;
}

export function FarmSwitch({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const t = useT();
  const sim = useSimText();
  const [onMpc, setOnMpc] = useState(0);
  // the farm switch sits on the HMI, where no faceplate shows the refusal: it shows its own
  const [refused, setRefused] = useState<string | null>(null);
  const farm = (mode: 'mpc' | 'pi') =>
    void conn.command({ type: 'setFarmMode', mode }).then((r) => setRefused(r.ok ? null : r.reason));
  const tanks = plant.tanks.map((x) => x.tag);
  const key = tanks.join(',');
  useEffect(() => {
    const list = key.split(',');
    return onLive(() => setOnMpc(tanksOnMpc((x) => conn.value(x), list)));
  }, [conn, key]);
  const all = onMpc === tanks.length;
  return (
    <div className="controls farm-switch" data-testid="farm-switch" data-on-mpc={onMpc} title={t('ctl.farmTitle')}>
      <b>{t('ctl.farm')}</b>
      <button className={all ? 'on' : ''} data-testid="farm-mpc" onClick={() => farm('mpc')}>
        {t('ctl.farmMpc')}
      </button>
      <button className={onMpc === 0 ? 'on' : ''} data-testid="farm-pi" onClick={() => farm('pi')}>
        {t('ctl.farmPi')}
      </button>
      <span className="muted">
        {onMpc}/{tanks.length} {t('ctl.mpc')}
      </span>
      {refused && (
        <span className="result" data-testid="farm-result">
          {t('rejected')}: {sim(refused)}
        </span>
      )}
    </div>
  );
}
