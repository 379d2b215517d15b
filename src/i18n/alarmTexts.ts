import type { PlantData } from '../sim/plant/schema';
import type { Lang } from './strings';

// Alarm texts at the display edge. The sim builds every alarm's message in English with an id
// `${owner}.${suffix}` (TK-101.LAHH, H-201.TRIP, SITE.ESD, …); the page shows that English as it is and
// translates other languages keyed by the owner's kind and the suffix, with the tag and the plant's limits
// as parameters. An id this table does not know falls back to the sim's English message.

type OwnerKind = 'tank' | 'heater' | 'expansion' | 'bay' | 'arm' | 'pump' | 'line' | 'site' | 'live';
interface AlarmParams {
  tag: string;
  /** The limit the alarm compares against, from the plant data (H2S ppm), when it has one. */
  limit: number;
}
type AlarmText = (p: AlarmParams) => string;

const thai: Record<string, AlarmText> = {
  'tank.LAHH': ({ tag }) => `${tag} ระดับสูงมาก (สวิตช์): หยุดรับสินค้าแล้ว`,
  'tank.LAH': ({ tag }) => `${tag} ระดับสูง (ที่ว่างเหลือ 10 %)`,
  'tank.LAL': ({ tag }) => `${tag} ระดับต่ำ: ใกล้จุดตัดการให้ความร้อนที่ขดท่อ`,
  'line.XA_PLUG': ({ tag }) => `${tag} ต่ำกว่าอุณหภูมิที่สูบได้: อุ่นท่อก่อนสูบ`,
  'arm.XA_PLUG': ({ tag }) => `${tag} ต่ำกว่าอุณหภูมิที่สูบได้: อุ่นแขนจ่ายก่อนสูบ`,
  'tank.LALL': ({ tag }) => `${tag} ระดับต่ำมาก: ตัดการให้ความร้อนที่ขดท่อ`,
  'tank.TAHH': ({ tag }) => `${tag} อุณหภูมิสูงมาก: ตัดการให้ความร้อนแล้ว`,
  'tank.TAH': ({ tag }) => `${tag} อุณหภูมิสูง`,
  'tank.TAL': ({ tag }) => `${tag} อุณหภูมิต่ำ: ต่ำกว่าช่วงที่สูบได้`,
  'tank.TSHH': ({ tag }) => `${tag} อุณหภูมิสูงมาก (เซนเซอร์อิสระของระบบความปลอดภัย): ตัดการให้ความร้อนแล้ว`,
  'tank.TDEV': ({ tag }) => `${tag} เครื่องวัดอุณหภูมิสองตัวอ่านค่าไม่ตรงกัน: ตรวจสอบทั้งสองตัว`,
  'tank.XA_PVBAD': ({ tag }) => `${tag} สัญญาณเครื่องวัดอุณหภูมิควบคุมเสีย: ตัวควบคุมเปลี่ยนเป็นแมนนวล`,
  'tank.XA_SISBAD': ({ tag }) => `${tag} เซนเซอร์อุณหภูมิของระบบความปลอดภัยเสีย: ตัดการให้ความร้อนแล้ว`,
  'tank.AAH': ({ tag, limit }) => `${tag} H2S ที่ฝาถังเกิน ${limit} ppm`,
  'tank.AAHH': ({ tag, limit }) => `${tag} H2S ที่ฝาถังเกิน ${limit} ppm: ถอยออกทันที`,
  'tank.XA_COIL': ({ tag }) => `${tag} ขดท่อให้ความร้อนโผล่พ้นผิวของเหลว`,
  'tank.XA_FROTH': ({ tag }) => `${tag} ฟองล้นถัง: น้ำเดือดในผลิตภัณฑ์ร้อน`,
  'heater.TRIP': ({ tag }) => `${tag} เครื่องทำความร้อนทริป`,
  'heater.TAH': ({ tag }) => `${tag} อุณหภูมิน้ำมันร้อนขาออกสูง`,
  'heater.FAL': () => 'อัตราการไหลหมุนเวียนน้ำมันร้อนต่ำ',
  'expansion.LAL': ({ tag }) => `${tag} ระดับถังขยายตัวต่ำ: ตรวจสอบการรั่วของขดท่อ`,
  'tank.XA_OILVAP': ({ tag }) => `${tag} มีน้ำมันร้อนปนในผลิตภัณฑ์: ไอในถังติดไฟได้`,
  'tank.XA_TFIRE': ({ tag }) => `${tag} ไฟไหม้ในถัง`,
  'heater.TAH_FILM': ({ tag }) => `${tag} อุณหภูมิฟิล์มในท่อฮีตเตอร์สูง`,
  'heater.FAL_TUBE': ({ tag }) => `${tag} ความเร็วน้ำมันในท่อต่ำขณะจุดไฟ`,
  'expansion.LALL': ({ tag }) => `${tag} ระดับถังขยายตัวต่ำมาก: ทริปฮีตเตอร์และปั๊มแล้ว`,
  'expansion.XA_SUCT': () => 'ปั๊มน้ำมันร้อนสูญเสียแรงดูด: เกิดคาวิเทชัน',
  'site.ESD': () => 'ระบบหยุดฉุกเฉินทำงานอยู่',
  'site.POWER': () => 'ไฟฟ้าในพื้นที่ดับ',
  'bay.FIRE': ({ tag }) => `ตรวจพบไฟไหม้ที่ ${tag}`,
  'bay.ESTOP': ({ tag }) => `${tag} มีการกดปุ่มหยุดฉุกเฉิน`,
  'arm.LAHH': ({ tag }) => `${tag} หัววัดการล้นของรถบรรทุก: หยุดการจ่ายแล้ว`,
  'arm.XA_FROTH': ({ tag }) => `${tag} ฟองล้นที่ฝารถบรรทุก: มีน้ำในช่องบรรทุก`,
  'tank.XA_OVERFLOW': ({ tag }) => `${tag} ล้นถังลงสู่คันกั้นรอบถัง`,
  'tank.XA_LAGGING': ({ tag }) => `${tag} ฉนวนชุ่มผลิตภัณฑ์ร้อน: เสี่ยงไฟไหม้ฉนวน`,
  'tank.PAH': ({ tag }) => `${tag} ความดันในช่องไอเกินค่าออกแบบ: ช่องระบายอุดตัน?`,
  'tank.PAL': ({ tag }) => `${tag} สุญญากาศในช่องไอเกินค่าออกแบบ: ช่องระบายอุดตัน?`,
  'tank.XA_ROOF': ({ tag }) => `${tag} รอยต่อหลังคากับผนังถังฉีกขาดจากแรงดันเกิน`,
  'tank.XA_BUCKLE': ({ tag }) => `${tag} ผนังถังยุบตัวจากสุญญากาศ`,
  'tank.LAL_LOAD': ({ tag }) => `${tag} ระดับใกล้จุดหยุดการจ่ายขึ้นรถ`,
  'tank.LALL_LOAD': ({ tag }) => `${tag} หยุดการจ่ายขึ้นรถเนื่องจากระดับต่ำ`,
  'pump.XA_DRY': ({ tag }) => `${tag} ปั๊มเดินตัวเปล่า`,
  'pump.XA_DAMAGE': ({ tag }) => `${tag} ปั๊มเสียหายจากการเดินตัวเปล่า`,
  'site.XA_BUND': () => 'มีผลิตภัณฑ์อยู่ในคันกั้นรอบถัง',
  // live mode's own alarms (src/live/liveAlarms.ts)
  'live.XA_LINK': () => 'ขาดการเชื่อมต่อกับสถานี: พักการแจ้งเตือนของโรงงานไว้',
  'any.XA_BADPV': ({ tag }) => `${tag} ค่าที่วัดได้ไม่ดี: พักการแจ้งเตือนของจุดนี้ไว้`,
  'tank.XA_MPC': ({ tag }) => `${tag} ตัวควบคุมอุณหภูมิออกจาก MPC กลับไปใช้ PI (แผนเป็นไปไม่ได้หรือข้อมูลขาเข้าเสีย)`,
};

const tables: Partial<Record<Lang, Record<string, AlarmText>>> = { th: thai };

function ownerKind(plant: PlantData, owner: string): OwnerKind | null {
  if (owner === 'SITE') return 'site';
  if (owner === 'LIVE') return 'live';
  if (plant.tanks.some((t) => t.tag === owner)) return 'tank';
  if (plant.pipes.some((p) => p.tag === owner)) return 'line';
  if (plant.hotOil.heater.tag === owner) return 'heater';
  if (plant.hotOil.expansionTank.tag === owner) return 'expansion';
  if (plant.loading.pumps.some((p) => p.tag === owner)) return 'pump';
  for (const st of plant.loading.stations)
    for (const b of st.bays) {
      if (b.tag === owner) return 'bay';
      if (b.arms.some((a) => a.tag === owner)) return 'arm';
    }
  return null;
}

function limitOf(plant: PlantData, owner: string, suffix: string): number {
  const tank = plant.tanks.find((t) => t.tag === owner);
  if (!tank) return Number.NaN;
  return suffix === 'AAHH' ? tank.alarms.h2sHighHigh_ppm : tank.alarms.h2sHigh_ppm;
}

/** The text of an alarm in a language: the sim's English, or a translation keyed by the id's kind. */
export function alarmText(alarm: { id: string; message: string }, plant: PlantData | null, lang: Lang): string {
  const table = tables[lang];
  const dot = alarm.id.lastIndexOf('.');
  if (!table || !plant || dot < 0) return alarm.message;
  const owner = alarm.id.slice(0, dot);
  const suffix = alarm.id.slice(dot + 1);
  const kind = ownerKind(plant, owner);
  const text = (kind ? table[`${kind}.${suffix}`] : undefined) ?? table[`any.${suffix}`];
  return text ? text({ tag: owner, limit: limitOf(plant, owner, suffix) }) : alarm.message;
}
