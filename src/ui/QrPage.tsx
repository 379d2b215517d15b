import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { buildEquipment, type Equipment } from '../plantView/equipmentCatalog';
import { useUi } from '../state/ui';
import { equipmentName } from '../i18n/equipmentNames';
import { usePlant } from '../app/PlantConnection';
import { useSay } from '../state/useSay';

// A printable sheet of equipment tags: one QR code per tank, pump, valve and heater. Each code is the
// link that opens that equipment's live faceplate (and its maintenance steps) on a phone.

export const QR_KINDS = new Set(['tank', 'hotOilPump', 'loadingPump', 'valve', 'heater', 'expansionTank']);

export function equipmentLink(tag: string): string {
  return `${location.origin}${location.pathname}?select=${encodeURIComponent(tag)}`;
}

export function QrPage() {
  const info = usePlant((s) => s.info);
  const lang = useUi((s) => s.lang);
  const say = useSay();
  const [codes, setCodes] = useState<{ e: Equipment; svg: string }[]>([]);
  useEffect(() => {
    if (!info) return;
    const eq = buildEquipment(info.plant).filter((e) => QR_KINDS.has(e.kind));
    void Promise.all(
      eq.map(async (e) => ({
        e,
        svg: await QRCode.toString(equipmentLink(e.tag), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      })),
    ).then(setCodes);
  }, [info]);
  if (!info) return null;
  return (
    <div className="qr-page" data-testid="qr-page">
      <h1>{say('qr.title', { plant: info.plantName })}</h1>
      <div className="qr-grid">
        {codes.map(({ e, svg }) => (
          <figure key={e.tag} className="qr-card" data-qr={e.tag}>
            <div className="qr" dangerouslySetInnerHTML={{ __html: svg }} />
            <figcaption>
              <b>{e.tag}</b>
              <br />
              {equipmentName(e, info.plant, lang)}
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
