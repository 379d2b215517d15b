import './session.css';
import { useEffect, useState } from 'react';
import type { Device } from '../protocol/session';
import { useT } from '../state/ui';
import { detectDevice } from './join';

export interface JoinChoice {
  code: string;
  name: string;
  device: Device;
}

/** A trainee's way into a session: the code (from the link or typed), a name, and the device detected. */
export function JoinForm({
  code: code0,
  device: device0,
  onJoin,
}: {
  code: string;
  device: Device | null;
  onJoin: (c: JoinChoice) => void;
}) {
  const t = useT();
  const [code, setCode] = useState(code0);
  const [name, setName] = useState('');
  const [device, setDevice] = useState<Device>(device0 ?? 'desktop');
  useEffect(() => {
    if (!device0) void detectDevice().then(setDevice);
  }, [device0]);
  const ok = code.trim().length >= 4 && name.trim().length > 0;
  return (
    <form
      className="join-form"
      data-testid="join-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) onJoin({ code: code.trim().toUpperCase(), name: name.trim(), device });
      }}
    >
      <h2>{t('sessionJoinTitle')}</h2>
      <label>
        {t('sessionCode')}
        <input
          data-testid="join-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoCapitalize="characters"
        />
      </label>
      <label>
        {t('sessionName')}
        <input data-testid="join-name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <label>
        {t('sessionDevice')}
        <select data-testid="join-device" value={device} onChange={(e) => setDevice(e.target.value as Device)}>
          <option value="vr">{t('deviceVr')}</option>
          <option value="desktop">{t('deviceDesktop')}</option>
          <option value="phone">{t('devicePhone')}</option>
        </select>
      </label>
      <button type="submit" data-testid="join-submit" disabled={!ok}>
        {t('sessionJoin')}
      </button>
    </form>
  );
}
