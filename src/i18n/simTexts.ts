import type { Lang } from './strings';

// The simulation's own sentences at the display edge. The sim stays language-free: it writes its interlock
// actions, trip causes, MPC fallback reasons, auto-tune aborts, refused commands and planner warnings in
// English (records and logs keep them so). The page shows them in the trainee's language by matching the
// English against these templates: {slots} hold tags, numbers or another sim sentence (translated in turn).
// A sentence no template matches is shown in English as it is.

interface Template {
  en: string;
  th: string;
}

/** Templates in English and Thai; the order matters only where two could match (the longer first). */
export const SIM_TEXTS: readonly Template[] = [
  // interlocks and trips (events of the debrief timeline)
  { en: 'MPC to PI: {reason}', th: 'เปลี่ยนจาก MPC เป็น PI: {reason}' },
  { en: 'low-low level: heater tripped, pumps stopped', th: 'ระดับต่ำมาก: ทริปฮีตเตอร์และหยุดปั๊มแล้ว' },
  { en: 'standby pump started by auto-changeover', th: 'ปั๊มสำรองเริ่มทำงานโดยการสลับอัตโนมัติ' },
  { en: 'closed by the {tank} low-level loading stop', th: 'ปิดโดยการหยุดจ่ายขึ้นรถเพราะ {tank} ระดับต่ำ' },
  { en: 'stopped by the {tank} low-level loading stop', th: 'หยุดโดยการหยุดจ่ายขึ้นรถเพราะ {tank} ระดับต่ำ' },
  { en: 'closed by {switch} high-high level', th: 'ปิดโดย {switch} ระดับสูงมาก' },
  { en: 'stopped by {switch} high-high level', th: 'หยุดโดย {switch} ระดับสูงมาก' },
  { en: 'heating cut out on low level', th: 'ตัดการให้ความร้อนเพราะระดับต่ำ' },
  { en: 'stopped on {tank} low level', th: 'หยุดเพราะ {tank} ระดับต่ำ' },
  { en: 'all pumps stopped, motor-operated valves closing', th: 'หยุดปั๊มทั้งหมดแล้ว วาล์วมอเตอร์กำลังปิด' },
  { en: '{tt} bad quality: controller to manual', th: '{tt} สัญญาณเสีย: ตัวควบคุมเปลี่ยนเป็นแมนนวล' },
  { en: '{tt} bad quality: the controller stays in manual', th: '{tt} สัญญาณเสีย: ตัวควบคุมยังอยู่ที่แมนนวล' },
  { en: 'lost suction: {tank} at its heel', th: 'สูญเสียแรงดูด: {tank} เหลือถึงก้นถัง' },
  {
    en: '{tank} roof-to-shell seam torn by overpressure ({p} mbar)',
    th: '{tank} รอยต่อหลังคากับผนังฉีกขาดจากแรงดันเกิน ({p} mbar)',
  },
  { en: '{tank} shell buckled by vacuum ({p} mbar)', th: '{tank} ผนังถังยุบตัวจากสุญญากาศ ({p} mbar)' },
  {
    en: 'relief lifted and motor tripped: {line} plugged below the pumping limit; re-heat it first',
    th: 'วาล์วระบายเปิดและมอเตอร์ทริป: {line} อุดตันเพราะเย็นกว่าอุณหภูมิที่สูบได้ ต้องอุ่นก่อน',
  },
  { en: 'ran dry: seal and gear damage', th: 'เดินตัวเปล่า: ซีลและเฟืองเสียหาย' },
  {
    en: 'froth-over at {arm}: water in the truck flashed to steam under hot product',
    th: 'ฟองล้นที่ {arm}: น้ำในรถบรรทุกกลายเป็นไอทันทีเมื่อเจอผลิตภัณฑ์ร้อน',
  },
  { en: '{probe} truck overfill probe', th: 'หัววัดการล้นของรถบรรทุก {probe}' },
  { en: 'tank fire: oil vapour ignited by an exposed hot coil', th: 'ไฟไหม้ในถัง: ไอน้ำมันติดไฟจากขดท่อร้อนที่โผล่พ้นผิว' },
  { en: 'motor trip', th: 'มอเตอร์ทริป' },
  { en: 'tank temperature high-high: heating tripped', th: 'อุณหภูมิถังสูงมาก: ตัดการให้ความร้อนแล้ว' },
  { en: '{te} failed: heating tripped (fail-safe)', th: '{te} เสีย: ตัดการให้ความร้อนแล้ว (ปลอดภัยไว้ก่อน)' },
  { en: '{te} independent high-high: heating tripped', th: '{te} เซนเซอร์อิสระอ่านค่าสูงมาก: ตัดการให้ความร้อนแล้ว' },
  { en: 'emergency shutdown', th: 'หยุดฉุกเฉิน' },
  { en: 'power failure', th: 'ไฟฟ้าดับ' },
  { en: 'high oil temperature', th: 'อุณหภูมิน้ำมันสูง' },
  { en: 'high stack temperature', th: 'อุณหภูมิปล่องสูง' },
  { en: 'high tube film temperature', th: 'อุณหภูมิฟิล์มในท่อสูง' },
  { en: 'low hot-oil flow', th: 'อัตราการไหลน้ำมันร้อนต่ำ' },
  { en: 'flame failure', th: 'เปลวไฟดับ' },
  { en: 'pilot flame not proven: burner locked out', th: 'ตรวจไม่พบเปลวไฟนำ: หัวเผาถูกล็อก' },
  { en: 'main flame not proven: burner locked out', th: 'ตรวจไม่พบเปลวไฟหลัก: หัวเผาถูกล็อก' },
  { en: '{tag} low-low level', th: '{tag} ระดับต่ำมาก' },
  // loading permissives (a trip or a refusal at a loading arm)
  { en: 'no truck at {arm}', th: 'ไม่มีรถบรรทุกที่ {arm}' },
  { en: 'no truck under {arm}', th: 'ไม่มีรถบรรทุกใต้ {arm}' },
  { en: 'lower arm {arm} into the truck first', th: 'ลดแขน {arm} ลงในรถบรรทุกก่อน' },
  { en: '{arm} overfill trip: reset it first', th: '{arm} ทริปกันล้น: รีเซ็ตก่อน' },
  { en: '{pump} damaged by running dry: repair it first', th: '{pump} เสียหายจากการเดินตัวเปล่า: ซ่อมก่อน' },
  { en: '{bay} emergency stop is pressed', th: '{bay} ปุ่มหยุดฉุกเฉินถูกกดอยู่' },
  { en: 'fire at {bay}', th: 'ไฟไหม้ที่ {bay}' },
  { en: '{arm} preset reached', th: '{arm} จ่ายครบตามที่ตั้งไว้แล้ว' },
  // MPC fallback reasons
  { en: 'no feasible plan ({why})', th: 'ไม่มีแผนที่เป็นไปได้ ({why})' },
  { en: 'no model: the tank could not be identified', th: 'ไม่มีแบบจำลอง: ระบุคุณลักษณะของถังไม่ได้' },
  { en: '{tt} {k} K from the prediction', th: '{tt} ห่างจากค่าที่ทำนาย {k} K' },
  { en: '{heater} supply temperature {v} °C implausible', th: '{heater} อุณหภูมิขาจ่าย {v} °C ไม่สมเหตุสมผล' },
  { en: '{tag} bad quality', th: '{tag} สัญญาณเสีย' },
  { en: '{heater} off', th: '{heater} ปิดอยู่' },
  { en: '{heater} tripped', th: '{heater} ทริป' },
  // auto-tune aborts
  {
    en: 'the PV left the safe band of ±{k} K about the set point',
    th: 'ค่าที่วัดได้ออกนอกช่วงปลอดภัย ±{k} K รอบค่าตั้ง',
  },
  { en: 'no steady limit cycle within {time}', th: 'ไม่เกิดการแกว่งที่คงที่ภายใน {time}' },
  // refused commands a trainee meets
  { en: '{tag} is in {mode}: switch {loop} to manual first', th: '{tag} อยู่ในโหมด {mode}: เปลี่ยน {loop} เป็นแมนนวลก่อน' },
  { en: '{tank} is at high-high level', th: '{tank} อยู่ที่ระดับสูงมาก' },
  { en: 'emergency shutdown is active: reset it before starting pumps', th: 'ระบบหยุดฉุกเฉินทำงานอยู่: รีเซ็ตก่อนเดินปั๊ม' },
  { en: 'emergency shutdown is active', th: 'ระบบหยุดฉุกเฉินทำงานอยู่' },
  { en: '{id} has nothing to acknowledge', th: '{id} ไม่มีอะไรให้รับทราบ' },
  { en: 'an auto-tune is already running on this loop', th: 'การปรับจูนอัตโนมัติกำลังทำงานอยู่แล้วในลูปนี้' },
  { en: 'an auto-tune is running on this loop', th: 'การปรับจูนอัตโนมัติกำลังทำงานอยู่ในลูปนี้' },
  { en: 'no auto-tune is running on this loop', th: 'ไม่มีการปรับจูนอัตโนมัติในลูปนี้' },
  { en: 'a truck is already at {arm}', th: 'มีรถบรรทุกอยู่ที่ {arm} แล้ว' },
  { en: 'park arm {arm} before the truck leaves', th: 'เก็บแขน {arm} ก่อนรถบรรทุกออก' },
  { en: 'stop {pump} before raising the arm', th: 'หยุด {pump} ก่อนยกแขนขึ้น' },
  { en: 'set point must stay {k} K below the {v} °C trip', th: 'ค่าตั้งต้องต่ำกว่าจุดทริป {v} °C อย่างน้อย {k} K' },
  {
    en: 'set point must be between {lo} °C and the {hi} °C high alarm',
    th: 'ค่าตั้งต้องอยู่ระหว่าง {lo} °C ถึงจุดเตือนสูง {hi} °C',
  },
  { en: '{tag} is not in manual', th: '{tag} ไม่ได้อยู่ในโหมดแมนนวล' },
  { en: 'no power', th: 'ไม่มีไฟฟ้า' },
  { en: '{tag} is tripped', th: '{tag} ทริปอยู่' },
  { en: '{tank} low-low level: no suction; top up the oil first', th: '{tank} ระดับต่ำมาก: ไม่มีแรงดูด เติมน้ำมันก่อน' },
  { en: '{tag} has no variable-speed drive', th: '{tag} ไม่มีชุดปรับความเร็วรอบ' },
  { en: 'heater tripped ({cause}): reset first', th: 'ฮีตเตอร์ทริป ({cause}): รีเซ็ตก่อน' },
  { en: 'no hot-oil circulation: start a circulation pump first', th: 'ไม่มีการหมุนเวียนน้ำมันร้อน: เดินปั๊มหมุนเวียนก่อน' },
  { en: 'cannot start: {cause}', th: 'เริ่มไม่ได้: {cause}' },
  {
    en: 'no temperature controller is in auto or cascade with a good measurement',
    th: 'ไม่มีตัวควบคุมอุณหภูมิที่อยู่ในโหมดอัตโนมัติหรือคาสเคดพร้อมค่าวัดที่ดี',
  },
  { en: 'extinguisher empty', th: 'ถังดับเพลิงหมดแล้ว' },
  { en: 'trip cause still present: {cause}', th: 'สาเหตุการทริปยังอยู่: {cause}' },
  { en: 'temperature still above the high-high trip', th: 'อุณหภูมิยังสูงกว่าจุดทริปสูงมาก' },
  { en: 'truck still at the overfill probe', th: 'รถบรรทุกยังถึงหัววัดกันล้นอยู่' },
  { en: 'nothing to reset on {tag}', th: 'ไม่มีอะไรให้รีเซ็ตที่ {tag}' },
  // heating-plan warnings (the Energy panel)
  {
    en: "the heater's limit is not met at every step after {n} rounds",
    th: 'หลัง {n} รอบยังไม่เป็นไปตามขีดจำกัดของฮีตเตอร์ในทุกช่วงเวลา',
  },
  { en: '{tank} is empty: its loadings cannot be met', th: '{tank} ว่างเปล่า: จ่ายขึ้นรถตามแผนไม่ได้' },
  {
    en: "{tank}: the product below the coil (the first truck's) cools to {t} °C by +{h} h, under the {min} °C minimum: heating barely reaches it; mix or circulate the tank",
    th: '{tank}: ผลิตภัณฑ์ใต้ขดท่อ (ของรถคันแรก) จะเย็นลงถึง {t} °C ภายใน +{h} ชม. ต่ำกว่าขั้นต่ำ {min} °C: ความร้อนแทบไปไม่ถึง ให้กวนหรือหมุนเวียนถัง',
  },
  {
    en: '{tank}: {want} °C wanted from +{a} h to +{b} h; heating flat out reaches {best} °C at the least',
    th: '{tank}: ต้องการ {want} °C ตั้งแต่ +{a} ชม. ถึง +{b} ชม. แต่ให้ความร้อนเต็มที่ได้อย่างน้อยเพียง {best} °C',
  },
  {
    en: "{tank}: the plan's QP failed ({why}); the tank coasts",
    th: '{tank}: การแก้ QP ของแผนล้มเหลว ({why}) ถังจะไม่ได้รับความร้อนตามแผน',
  },
  { en: 'loading at BAY {bay} +{h} h: no tank holds {product}', th: 'การจ่ายที่ BAY {bay} +{h} ชม.: ไม่มีถังใดมี {product}' },
  {
    en: 'the weather forecast does not cover the whole horizon: its ends are held',
    th: 'พยากรณ์อากาศไม่ครอบคลุมทั้งช่วง: ใช้ค่าที่ปลายทั้งสองด้านแทน',
  },
  // the Energy panel's refusals of a plan (src/ui/energy/computePlan.ts, planInWorker.ts)
  { en: 'the planner stopped: {reason}', th: 'ตัววางแผนหยุดทำงาน: {reason}' },
  { en: 'the simulated plant has not started', th: 'โรงงานจำลองยังไม่เริ่มทำงาน' },
  { en: 'must be a number ≥ 0', th: 'ต้องเป็นตัวเลข ≥ 0' },
];

/** Slots that hold words with spaces (another sim sentence, a duration, a product's name). */
const PHRASE_SLOTS = new Set(['reason', 'cause', 'why', 'time', 'product']);

interface Compiled {
  re: RegExp;
  slots: string[];
  th: string;
}

const compiled: Compiled[] = SIM_TEXTS.map(({ en, th }) => {
  const slots: string[] = [];
  const body = en
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      slots.push(m[1]);
      // a tag or a number is one word; a cause, a reason or a product name may be several
      return PHRASE_SLOTS.has(m[1]) ? '(.+?)' : '(\\S+)';
    })
    .join('');
  return { re: new RegExp(`^${body}$`), slots, th };
});

/** A sentence of the simulation in a language: its translation, or the English where no template knows it. */
export function simText(text: string, lang: Lang): string {
  if (lang === 'en' || !text) return text;
  for (const c of compiled) {
    const m = c.re.exec(text);
    if (!m) continue;
    const vars: Record<string, string> = {};
    c.slots.forEach((s, i) => (vars[s] = simText(m[i + 1], lang)));
    return c.th.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
  }
  return text;
}
