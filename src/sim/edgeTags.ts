import type { Model } from './plantIndex';
import type { SimState } from './state';
import { paToBar } from './units';

// Tags of the plant at its edges: each tank's overflow, vent pressure and damage, soaked lagging and
// loading stop; the bund's pool; the loading gear pumps' suction and dry running; water in the trucks.

type Add = (name: string, unit: string, description: string, read: (s: SimState) => number) => void;
const b = (x: boolean) => (x ? 1 : 0);

export function addEdgeTags(m: Model, add: Add): void {
  m.tanks.forEach((tm, i) => {
    const T = tm.tag;
    const v = (s: SimState) => s.tanks[i].vessel;
    add(`${T}.overflow`, 'kg/s', `${T} overflow to the bund`, (s) => v(s).overflow_kg_s);
    add(`${T}.vapour_pressure`, 'mbar', `${T} vapour-space gauge pressure`, (s) => paToBar(v(s).vapourGauge_Pa) * 1000);
    add(`${T}.roof_torn`, '0/1', `${T} roof-to-shell seam torn`, (s) => b(v(s).roofSeamTorn));
    add(`${T}.shell_buckled`, '0/1', `${T} shell buckled by vacuum`, (s) => b(v(s).shellBuckled));
    add(`${T}.lagging_soaked`, 'kg', `${T} product soaked into the lagging`, (s) => v(s).laggingSoaked_kg);
    add(`${T}.lagging_fire_risk`, '0/1', `${T} soaked lagging on a hot shell`, (s) => b(v(s).laggingFireRisk));
    add(`${T}.suction_lost`, '0/1', `${T} at its heel: the outlet draws vapour`, (s) => b(v(s).suctionLost));
    add(`${T}.loading_stop`, '0/1', `${T} low-level loading stop acting`, (s) => b(v(s).loadingStop));
  });
  add('BUND.mass', 'kg', 'product spilled into the bund', (s) => s.bund.mass_kg);
  add('BUND.temp', '°C', 'temperature of the product in the bund', (s) => s.bund.temp_C);
  add('BUND.solid', '0/1', 'product in the bund below its softening point', (s) => b(s.bund.solid));
  m.plant.loading.pumps.forEach((p, k) => {
    add(`${p.tag}.npsh_a`, 'm', `${p.tag} NPSH available`, (s) => s.gearPumps[k].npsha_m);
    add(`${p.tag}.dry_run`, 's', `${p.tag} time run dry`, (s) => s.gearPumps[k].dryRun_s);
    add(`${p.tag}.damaged`, '0/1', `${p.tag} damaged by running dry`, (s) => b(s.gearPumps[k].damaged));
  });
  m.arms.forEach((a, k) => {
    add(`${a.tag}.truck_water`, 'kg', `water in the truck at ${a.tag}`, (s) => s.arms[k].truck.water_kg);
    add(`${a.tag}.froth`, '0/1', `froth-over at ${a.tag}`, (s) => b(s.arms[k].frothOver));
  });
}
