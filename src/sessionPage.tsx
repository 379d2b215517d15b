import type { Root } from 'react-dom/client';
import { App } from './App';
import { PlantConnectionProvider } from './app/PlantConnection';
import { installAutomation } from './app/automation';
import { installSessionAutomation } from './session/sessionAutomation';
import { SessionClient } from './session/SessionClient';
import { joinSession, rememberPid, rememberedPid } from './session/join';
import { JoinForm, type JoinChoice } from './session/JoinForm';
import { InstructorConsole } from './ui/instructor/InstructorConsole';
import { CreateSessionForm } from './ui/instructor/CreateSessionForm';
import { ui } from './state/ui';
import type { StartParams } from './app/params';

// How a page enters a shared session: `?join=CODE` (with `&name=` it joins at once, else the join form),
// or `?page=instructor` (the form that creates a session, then the console on it). The page without
// either stays the self-paced page on its own worker (main.tsx).

/** Join with a code and show the plant through the session (the console too for an instructor). */
export async function enterSession(root: Root, choice: JoinChoice): Promise<void> {
  let joined;
  try {
    joined = await joinSession(choice.code, choice.name, choice.device, rememberedPid(choice.code));
  } catch (e) {
    ui.setState({ fatal: `join: ${(e as Error).message}` });
    root.render(<App />);
    return;
  }
  rememberPid(choice.code, joined.participantId);
  const client = new SessionClient(joined, choice.name, choice.device);
  installAutomation(client);
  installSessionAutomation(client);
  root.render(
    <PlantConnectionProvider connection={client}>
      <App />
      {joined.role === 'instructor' && <InstructorConsole code={choice.code} />}
    </PlantConnectionProvider>,
  );
  window.addEventListener('pagehide', () => client.close());
  await client.start();
}

/** Handles the session pages; false when the page is the self-paced one. */
export function startSessionPage(root: Root, params: StartParams): boolean {
  if (params.join) {
    const go = (c: JoinChoice) => void enterSession(root, c);
    if (params.name) go({ code: params.join, name: params.name, device: params.device ?? 'desktop' });
    else root.render(<JoinForm code={params.join} device={params.device} onJoin={go} />);
    return true;
  }
  if (params.page === 'instructor') {
    root.render(
      <CreateSessionForm
        onCreated={(code, name) => {
          history.replaceState(null, '', `?page=instructor&join=${code}`);
          void enterSession(root, { code, name, device: 'desktop' });
        }}
      />,
    );
    return true;
  }
  return false;
}
