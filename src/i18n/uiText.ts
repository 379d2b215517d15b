import type { Lang } from './strings';

// Texts of the plant view's own panels that had been written into the components (the HMI mimic's headings,
// the QR sheet's title, the records' verdicts, the 3D scene's tag plates), in English and Thai; merged into
// the page's dictionaries by src/i18n/strings.ts.
export const uiTextEn = {
  'hmi.tankFarm': 'Tank farm',
  'hmi.hotOilLoop': 'Hot-oil loop',
  'hmi.supply': 'supply',
  'hmi.return': 'return',
  'hmi.flow': 'flow',
  'hmi.loading': 'Loading',
  'qr.title': '{plant}: equipment tags',
  'records.automation': '(automation)',
  'records.refuted': 'refuted',
  'records.unverifiable': 'cannot be verified',
  'run.otherTab': 'this run is already open in another tab',
  'run.noSnapshot': 'this run has no saved state to resume',
  'run.openElsewhere': 'this run is open in another tab; continue it there',
  'run.cannotResume': 'this run cannot be resumed here: {why}',
} as const;

export const uiTextTh: Record<keyof typeof uiTextEn, string> = {
  'hmi.tankFarm': 'ลานถังเก็บ',
  'hmi.hotOilLoop': 'วงจรน้ำมันร้อน',
  'hmi.supply': 'ขาจ่าย',
  'hmi.return': 'ขากลับ',
  'hmi.flow': 'อัตราการไหล',
  'hmi.loading': 'การจ่ายขึ้นรถ',
  'qr.title': '{plant}: ป้ายแท็กอุปกรณ์',
  'records.automation': '(ระบบอัตโนมัติ)',
  'records.refuted': 'ไม่ตรงกับบันทึก',
  'records.unverifiable': 'ตรวจสอบไม่ได้',
  'run.otherTab': 'การฝึกนี้เปิดอยู่ในอีกแท็บแล้ว',
  'run.noSnapshot': 'การฝึกนี้ไม่มีสถานะที่บันทึกไว้ให้ทำต่อ',
  'run.openElsewhere': 'การฝึกนี้เปิดอยู่ในอีกแท็บ ให้ทำต่อที่แท็บนั้น',
  'run.cannotResume': 'ทำการฝึกนี้ต่อที่นี่ไม่ได้: {why}',
};

/**
 * The VR panel's quantity names, by the tag's suffix (TK-101.temp → "temp"). English keeps the suffix the
 * trends and the HMI use; a suffix with no entry is shown as it is.
 */
export const quantityEn = {
  level: 'level',
  level_true: 'level_true',
  level_pct: 'level_pct',
  temp: 'temp',
  temp_hh: 'temp_hh',
  supply_temp: 'supply_temp',
  return_temp: 'return_temp',
  setpoint: 'setpoint',
  mpc_setpoint: 'mpc_setpoint',
  tune: 'tune',
  running: 'running',
  flow: 'flow',
  low_low_trip: 'low_low_trip',
  inventory: 'inventory',
  fire: 'fire',
  estop: 'estop',
  extinguisher: 'extinguisher',
  metered: 'metered',
  preset: 'preset',
  truck_volume: 'truck_volume',
  truck_present: 'truck_present',
  position: 'position',
  dp: 'dp',
  relief: 'relief',
  speed: 'speed',
} as const;

export const quantityTh: Record<keyof typeof quantityEn, string> = {
  level: 'ระดับ',
  level_true: 'ระดับจริง',
  level_pct: 'ระดับ %',
  temp: 'อุณหภูมิ',
  temp_hh: 'อุณหภูมิ (ระบบความปลอดภัย)',
  supply_temp: 'อุณหภูมิขาจ่าย',
  return_temp: 'อุณหภูมิขากลับ',
  setpoint: 'ค่าตั้ง',
  mpc_setpoint: 'ค่าตั้งที่ใช้อยู่',
  tune: 'ปรับจูนอัตโนมัติ',
  running: 'กำลังทำงาน',
  flow: 'อัตราการไหล',
  low_low_trip: 'ทริประดับต่ำมาก',
  inventory: 'ปริมาณน้ำมันในระบบ',
  fire: 'ความรุนแรงของไฟ',
  estop: 'ปุ่มหยุดฉุกเฉิน',
  extinguisher: 'สารดับเพลิงที่เหลือ',
  metered: 'ยอดจ่ายสะสม',
  preset: 'ค่าที่ตั้งจ่าย',
  truck_volume: 'ปริมาตรในรถบรรทุก',
  truck_present: 'มีรถบรรทุก',
  position: 'ตำแหน่ง',
  dp: 'ความดันต่าง',
  relief: 'วาล์วระบาย',
  speed: 'ความเร็วรอบ',
};

/** A tag suffix as the VR panel names it in a language. */
export function quantityName(suffix: string, lang: Lang): string {
  const table: Record<string, string> = lang === 'th' ? quantityTh : quantityEn;
  return table[suffix] ?? suffix;
}
