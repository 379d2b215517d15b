import './protocol/zodConfig';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prefetchPanels } from './lazyPanels';
import { SimClient } from './app/client';
import { PlantConnectionProvider } from './app/PlantConnection';
import { installAutomation } from './app/automation';
import { parseParams } from './app/params';
import { LiveClient } from './live/LiveClient';
import { ShadowRoot } from './live/shadow/ShadowRoot';
import { ui } from './state/ui';
import './ui/styles.css';
import { installEmulator } from './state/xrSession';
import { cameraStore } from './state/camera';
import { fetchPlantFile, registerPwa } from './pwa';

async function loadPlant(url: string): Promise<unknown | null> {
  try {
    const r = await fetchPlantFile(url);
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return await r.json();
  } catch (e) {
    ui.setState({ fatal: `plant="${url}": could not load the plant file (${(e as Error).message})` });
    return null;
  }
}

async function start(): Promise<void> {
  const allowedOrigins = String(import.meta.env.VITE_PLANT_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const { params, warnings } = parseParams(location.search, { origin: location.origin, allowedOrigins });
  await installEmulator();
  ui.setState({
    warnings,
    ...(params.lang && { lang: params.lang }),
    ...(params.select && { selected: params.select }),
    page: params.page === 'qr' ? 'qr' : 'plant',
  });
  if (params.view) cameraStore.setState({ view: params.view });
  const root = createRoot(document.getElementById('root')!);
  // a shared session's pages (?join=, ?page=instructor: sessionPage.tsx) load their own code
  if ((params.join || params.page === 'instructor') && (await import('./sessionPage')).startSessionPage(root, params))
    return;
  root.render(<App />);
  const plant = params.plantUrl ? await loadPlant(params.plantUrl) : null;
  if (params.plantUrl && plant === null) return;
  const client = params.live
    ? new LiveClient(plant, params.live)
    : new SimClient(plant, { running: params.run, ...(params.speed && { speed: params.speed }) });
  if (client instanceof LiveClient) window.addEventListener('pagehide', () => client.close());
  installAutomation(client);
  // the worker loads on its own thread while this one parses the plant and draws it static (App.tsx)
  const started = client.start();
  root.render(
    <PlantConnectionProvider connection={client}>
      <ShadowRoot connection={client}>
        <App />
      </ShadowRoot>
    </PlantConnectionProvider>,
  );
  await client.preview();
  if (await started) setTimeout(prefetchPanels, 0);
}

void start();
registerPwa();
