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
};
