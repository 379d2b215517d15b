// The update banner's strings (src/pwa/UpdateBanner.tsx), in English and Thai; merged into the page's
// dictionaries by src/i18n/strings.ts.
export const pwaEn = {
  'pwa.region': 'App update',
  'pwa.ready': 'A new version of TankTwin is ready.',
  'pwa.reload': 'Reload',
  'pwa.later': 'Later',
  'pwa.afterDebrief': 'It will be offered after the debrief, so that this exercise is not interrupted.',
};

export const pwaTh: Record<keyof typeof pwaEn, string> = {
  'pwa.region': 'การอัปเดตแอป',
  'pwa.ready': 'TankTwin เวอร์ชันใหม่พร้อมใช้งานแล้ว',
  'pwa.reload': 'โหลดใหม่',
  'pwa.later': 'ภายหลัง',
  'pwa.afterDebrief': 'จะให้อัปเดตได้หลังการสรุปผลการฝึก เพื่อไม่ให้การฝึกครั้งนี้ถูกขัดจังหวะ',
};
