// The live twin's strings (the faceplate's estimates, the twin panel and its tabs), in English and Thai;
// merged into the page's dictionaries by src/i18n/strings.ts.
export const twinEn = {
  'twin.open': 'Twin',
  'twin.title': 'Live twin',
  'twin.estimates': 'Estimates',
  'twin.estimatesTitle': 'Estimated from the measurements (value ± 2 standard deviations)',
  'twin.waiting': 'The estimator publishes its first values within a minute of plant time…',
  'twin.updated': 'Last estimate at',
  'twin.wide': 'too uncertain to act on yet',
  'twin.restarted': 'the estimator restarted',
  'twin.quantity': 'Estimate',
  'twin.value': 'Value ± 2 sd',
  'twin.unit': 'Unit',
} as const;

export const twinTh: Record<keyof typeof twinEn, string> = {
  'twin.open': 'ทวิน',
  'twin.title': 'ดิจิทัลทวินสด',
  'twin.estimates': 'ค่าประมาณ',
  'twin.estimatesTitle': 'ประมาณจากค่าที่วัดได้ (ค่า ± 2 เท่าของส่วนเบี่ยงเบนมาตรฐาน)',
  'twin.waiting': 'ตัวประมาณจะเผยแพร่ค่าแรกภายในหนึ่งนาทีของเวลาโรงงาน…',
  'twin.updated': 'ค่าประมาณล่าสุดเมื่อ',
  'twin.wide': 'ยังไม่แน่นอนพอที่จะใช้ตัดสินใจ',
  'twin.restarted': 'ตัวประมาณเริ่มใหม่',
  'twin.quantity': 'ค่าประมาณ',
  'twin.value': 'ค่า ± 2 sd',
  'twin.unit': 'หน่วย',
};
