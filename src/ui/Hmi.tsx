import { useEffect, useRef } from 'react';
import type { PlantData } from '../sim/plant/schema';
import { useT, ui } from '../state/ui';
import { onLive, bindLive } from '../app/live';
import { AlarmList } from './AlarmList';
import { alarmedEquipment } from '../scene/alarmed';
import { usePlant, usePlantConnection } from '../app/PlantConnection';
import { levelQualityClass } from '../app/drawQuality';
import { FarmSwitch } from './control/FarmSwitch';
import { liveOf } from '../live/LiveClient';
import { pressable } from './a11y/roving';

// The 2D overview in ISA-101 high-performance style: grey by default, colour only where something is
// abnormal. Tank farm mimic (levels, temperatures), the hot-oil loop, the loading bays, and the alarms.

function LiveText({
  tag,
  unit,
  x,
  y,
  anchor = 'middle',
  size = 11,
}: {
  tag: string;
  unit: string;
  x: number;
  y: number;
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
}) {
  const ref = useRef<SVGTSpanElement>(null);
  const conn = usePlantConnection();
  useEffect(() => bindLive(ref.current!, conn, tag, unit), [conn, tag, unit]);
  return (
    <text x={x} y={y} textAnchor={anchor} fontSize={size} className="hmi-value">
      <tspan ref={ref} data-tag={tag} /> <tspan className="hmi-unit">{unit}</tspan>
    </text>
  );
}

// a mimic's equipment opens its faceplate from the keyboard too (Tab to it, Enter or Space)
const select = (tag: string) => pressable(tag, () => ui.setState({ selected: tag }));

function TankMimic({ tag, h, x, y }: { tag: string; h: number; x: number; y: number }) {
  const conn = usePlantConnection();
  const fill = useRef<SVGRectElement>(null);
  const frame = useRef<SVGRectElement>(null);
  const W = 60;
  const HH = 80;
  useEffect(
    () =>
      onLive(() => {
        // a panel hidden while a lazily loaded sibling suspends keeps its effects but not its refs
        const fillEl = fill.current;
        const frameEl = frame.current;
        if (!fillEl || !frameEl) return;
        const lvl = conn.value(`${tag}.level`);
        const f = Math.max(0, Math.min(1, lvl / h));
        fillEl.setAttribute('y', String(y + HH * (1 - f)));
        fillEl.setAttribute('height', String(HH * f));
        // live mode: a level that is not good fills the tank in its quality's style, never as a plain bar
        const q = levelQualityClass(conn, `${tag}.level`);
        fillEl.setAttribute('class', q ? `hmi-level ${q}` : 'hmi-level');
        const a = alarmedEquipment(conn.store.getState().alarms).get(tag);
        frameEl.setAttribute('class', `hmi-tank${a ? ` abnormal ${a}` : ''}`);
      }),
    [tag, h, y, conn],
  );
  return (
    <g
      onClick={() => ui.setState({ selected: tag })}
      style={{ cursor: 'pointer' }}
      data-hmi-tank={tag}
      {...select(tag)}
    >
      <rect x={x} y={y} width={W} height={HH} className="hmi-tank-bg" />
      <rect ref={fill} x={x} y={y + HH} width={W} height={0} className="hmi-level" />
      <rect ref={frame} x={x} y={y} width={W} height={HH} className="hmi-tank" />
      <text x={x + W / 2} y={y - 6} textAnchor="middle" fontSize={12} fontWeight="bold">
        {tag}
      </text>
      <LiveText tag={`${tag}.level`} unit="m" x={x + W / 2} y={y + HH + 14} />
      <LiveText tag={`${tag}.temp`} unit="°C" x={x + W / 2} y={y + HH + 28} />
    </g>
  );
}

export function Hmi({ plant }: { plant: PlantData }) {
  const t = useT();
  const live = liveOf(usePlantConnection()) !== null;
  usePlant((s) => s.alarms); // re-render the mimic's static parts when alarms change
  const h = plant.hotOil;
  const bays = plant.loading.stations.flatMap((s) => s.bays);
  return (
    <section className="hmi" data-testid="hmi" aria-label={t('hmi')}>
      {/* live mode sends the real plant nothing (as the faceplate) */}
      {!live && <FarmSwitch plant={plant} />}
      <svg viewBox="0 0 900 420" width="100%">
        <text x={10} y={18} fontSize={13} fontWeight="bold">
          {t('hmi.tankFarm')}
        </text>
        {plant.tanks.map((tk, i) => (
          <TankMimic
            key={tk.tag}
            tag={tk.tag}
            h={tk.shellHeight_m}
            x={20 + (i % 5) * 85}
            y={40 + Math.floor(i / 5) * 150}
          />
        ))}
        <g transform="translate(470,20)">
          <text x={0} y={0} fontSize={13} fontWeight="bold">
            {t('hmi.hotOilLoop')}
          </text>
          <rect
            x={10}
            y={20}
            width={90}
            height={60}
            className="hmi-box"
            onClick={() => ui.setState({ selected: h.heater.tag })}
            {...select(h.heater.tag)}
          />
          <text x={55} y={40} textAnchor="middle" fontSize={12}>
            {h.heater.tag}
          </text>
          <LiveText tag={`${h.heater.tag}.duty`} unit="kW" x={55} y={58} />
          <LiveText tag={`${h.heater.tag}.firing`} unit="%" x={55} y={72} />
          <line x1={100} y1={35} x2={400} y2={35} className="hmi-line" />
          <line x1={100} y1={70} x2={400} y2={70} className="hmi-line" />
          <text x={250} y={30} textAnchor="middle" fontSize={10}>
            {t('hmi.supply')}
          </text>
          <LiveText tag={`${h.heater.tag}.supply_temp`} unit="°C" x={330} y={30} />
          <text x={250} y={84} textAnchor="middle" fontSize={10}>
            {t('hmi.return')}
          </text>
          <LiveText tag={`${h.heater.tag}.return_temp`} unit="°C" x={330} y={84} />
          {h.pumps.map((p, i) => (
            <g key={p.tag} onClick={() => ui.setState({ selected: p.tag })} {...select(p.tag)}>
              <circle cx={30 + i * 60} cy={120} r={14} className="hmi-pump" />
              <text x={30 + i * 60} y={148} textAnchor="middle" fontSize={11}>
                {p.tag}
              </text>
              <LiveText tag={`${p.tag}.flow`} unit="m³/h" x={30 + i * 60} y={162} size={10} />
            </g>
          ))}
          <g onClick={() => ui.setState({ selected: h.expansionTank.tag })} {...select(h.expansionTank.tag)}>
            <rect x={200} y={105} width={70} height={30} className="hmi-box" />
            <text x={235} y={124} textAnchor="middle" fontSize={11}>
              {h.expansionTank.tag}
            </text>
            <LiveText tag={`${h.expansionTank.tag}.level`} unit="%" x={235} y={150} />
          </g>
          <text x={300} y={124} fontSize={10}>
            {t('hmi.flow')}
          </text>
          <LiveText tag={`${h.heater.tag}.flow`} unit="kg/s" x={300} y={138} anchor="start" />
        </g>
        <g transform="translate(470,210)">
          <text x={0} y={0} fontSize={13} fontWeight="bold">
            {t('hmi.loading')}
          </text>
          {bays.map((b, bi) => (
            <g key={b.tag} transform={`translate(${bi * 200},15)`}>
              <rect
                x={0}
                y={0}
                width={180}
                height={150}
                className="hmi-box"
                onClick={() => ui.setState({ selected: b.tag })}
                {...select(b.tag)}
              />
              <text x={90} y={16} textAnchor="middle" fontSize={12}>
                {b.tag}
              </text>
              {b.arms.map((a, ai) => (
                <g
                  key={a.tag}
                  transform={`translate(${10 + ai * 85},30)`}
                  onClick={() => ui.setState({ selected: a.tag })}
                  {...select(a.tag)}
                >
                  <text x={35} y={10} textAnchor="middle" fontSize={11}>
                    {a.tag}
                  </text>
                  <LiveText tag={`${a.pump}.flow`} unit="m³/h" x={35} y={30} size={10} />
                  <LiveText tag={`${a.tag}.metered`} unit="kg" x={35} y={46} size={10} />
                  <LiveText tag={`${a.tag}.truck_volume`} unit="m³" x={35} y={62} size={10} />
                </g>
              ))}
            </g>
          ))}
        </g>
      </svg>
      <AlarmList />
      <p className="muted">{t('selectEquipment')}</p>
    </section>
  );
}
