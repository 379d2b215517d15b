// The alarm list's priority and state words (ISA-18.2), in English and Thai; merged into the page's
// dictionaries by src/i18n/strings.ts. Keyed by the sim's own names; English reads as the names themselves.
export const alarmWordsEn = {
  'alarm.prio.low': 'low',
  'alarm.prio.medium': 'medium',
  'alarm.prio.high': 'high',
  'alarm.prio.critical': 'critical',
  'alarm.prio.advisory': 'advisory',
  'alarm.state.normal': 'normal',
  'alarm.state.unack': 'unack',
  'alarm.state.ack': 'ack',
  'alarm.state.rtnUnack': 'rtnUnack',
  'alarm.state.shelved': 'shelved',
  'alarm.state.outOfService': 'outOfService',
} as const;

export const alarmWordsTh: Record<keyof typeof alarmWordsEn, string> = {
  'alarm.prio.low': 'ต่ำ',
  'alarm.prio.medium': 'ปานกลาง',
  'alarm.prio.high': 'สูง',
  'alarm.prio.critical': 'วิกฤต',
  'alarm.prio.advisory': 'แจ้งเตือนล่วงหน้า',
  'alarm.state.normal': 'ปกติ',
  'alarm.state.unack': 'ยังไม่รับทราบ',
  'alarm.state.ack': 'รับทราบแล้ว',
  'alarm.state.rtnUnack': 'กลับปกติ ยังไม่รับทราบ',
  'alarm.state.shelved': 'พักไว้',
  'alarm.state.outOfService': 'งดใช้งาน',
};
