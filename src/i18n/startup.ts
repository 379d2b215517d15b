// Start-up and lazy-loading failures (src/app/client.ts, src/ui/PanelBoundary.tsx), in English and Thai;
// merged into the page's dictionaries by src/i18n/strings.ts.
export const startupEn = {
  'start.engineFailed': 'The simulation could not start',
  'start.panelFailed': 'This panel could not be loaded (offline, or the app was updated). The exercise goes on.',
  'start.retry': 'Try again',
};

export const startupTh: Record<keyof typeof startupEn, string> = {
  'start.engineFailed': 'ไม่สามารถเริ่มการจำลองได้',
  'start.panelFailed': 'โหลดแผงนี้ไม่ได้ (ออฟไลน์ หรือแอปได้รับการอัปเดต) การฝึกยังดำเนินต่อไป',
  'start.retry': 'ลองอีกครั้ง',
};
