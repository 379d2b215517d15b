import type { PlantData } from '../sim/plant/schema';
import type { Equipment } from '../plantView/equipmentCatalog';
import { valveRole, type ValveRole } from '../plantView/valves';
import type { Lang } from './strings';

// Equipment names at the display edge. The catalogue names everything in English (from the plant data or
// from its kind); other languages name it from its kind and the plant data, falling back to the English
// name for anything without a translation (a building of kind "other", a portable the plant names freely).

const VALVES_TH: Record<ValveRole, string> = {
  control: 'วาล์วควบคุมขดท่อ',
  receipt: 'วาล์วรับสินค้า',
  coilBlock: 'วาล์วปิดกั้นขดท่อ',
  outlet: 'วาล์วขาออก',
};

const BUILDINGS_TH: Partial<Record<PlantData['buildings'][number]['kind'], string>> = {
  controlRoom: 'ห้องควบคุม',
  heaterHouse: 'โรงเครื่องทำความร้อน',
  musterPoint: 'จุดรวมพล',
};

const PUMP_ROLE_TH = { duty: 'ตัวหลัก', standby: 'ตัวสำรอง' } as const;

function thai(e: Equipment, plant: PlantData): string | undefined {
  switch (e.kind) {
    case 'tank':
      return `ถังเก็บ ${e.tag}`;
    case 'heater':
      return 'เครื่องทำความร้อนน้ำมันถ่ายเทความร้อน';
    case 'hotOilPump': {
      const p = plant.hotOil.pumps.find((x) => x.tag === e.tag);
      return p && `ปั๊มหมุนเวียนน้ำมันร้อน (${PUMP_ROLE_TH[p.role]})`;
    }
    case 'expansionTank':
      return 'ถังขยายตัวน้ำมันร้อน';
    case 'valve': {
      const v = plant.valves.find((x) => x.tag === e.tag);
      return v && `${VALVES_TH[valveRole(v)]} ของ ${v.tank}`;
    }
    case 'bay':
      return `ช่องจ่าย ${e.tag}`;
    case 'arm':
      return `แขนจ่าย ${e.tag}`;
    case 'loadingPump': {
      const arm = plant.loading.stations
        .flatMap((s) => s.bays)
        .flatMap((b) => b.arms)
        .find((a) => a.pump === e.tag);
      return arm && `ปั๊มเฟืองแบบมีแจ็กเก็ตสำหรับ ${arm.tag}`;
    }
    case 'building': {
      const b = plant.buildings.find((x) => x.tag === e.tag);
      return b && BUILDINGS_TH[b.kind];
    }
    default:
      return undefined;
  }
}

/** The name of a piece of equipment in a language. */
export function equipmentName(e: Equipment, plant: PlantData, lang: Lang): string {
  if (lang === 'th') return thai(e, plant) ?? e.name;
  return e.name;
}
