import type { ScenarioResult } from '../scenario/engine';

// xAPI statements for a run with the cmi5 defined verbs, and sending them to a learning record store.

export const VERBS = {
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
} as const;
export type VerbName = keyof typeof VERBS;
export const ACTIVITY_BASE = 'https://tanktwin.example/scenarios/';
export const PLANT_EXT = 'https://tanktwin.example/plant/';

export interface XapiStatement {
  id: string;
  actor: { objectType: 'Agent'; name: string; account: { homePage: string; name: string } };
  verb: { id: string; display: { 'en-US': VerbName } };
  object: { objectType: 'Activity'; id: string; definition: { name: { 'en-US': string }; type: string } };
  result?: {
    score?: { scaled: number; raw: number; min: 0; max: 100 };
    success?: boolean;
    completion?: boolean;
    duration?: string;
  };
  context: { registration: string; extensions: Record<string, unknown> };
  timestamp: string;
}

export function statement(
  verb: VerbName,
  run: {
    runId: string;
    trainee: string;
    scenarioId: string;
    scenarioVersion: string;
    title: string;
    plantName?: string;
    plantHash?: string;
  },
  home: string,
  at: Date,
  result?: XapiStatement['result'],
): XapiStatement {
  return {
    id: crypto.randomUUID(),
    actor: { objectType: 'Agent', name: run.trainee, account: { homePage: home, name: run.trainee } },
    verb: { id: VERBS[verb], display: { 'en-US': verb } },
    object: {
      objectType: 'Activity',
      id: `${ACTIVITY_BASE}${run.scenarioId}`,
      definition: { name: { 'en-US': run.title }, type: 'http://adlnet.gov/expapi/activities/simulation' },
    },
    ...(result && { result }),
    context: {
      registration: run.runId,
      extensions: {
        [`${ACTIVITY_BASE}version`]: run.scenarioVersion,
        // which plant the exercise ran on: a trainee's competence is on that terminal's equipment
        ...(run.plantName && { [`${PLANT_EXT}name`]: run.plantName }),
        ...(run.plantHash && { [`${PLANT_EXT}hash`]: run.plantHash }),
      },
    },
    timestamp: at.toISOString(),
  };
}

/** The closing statements of a finished run: completed, passed or failed (with the score), terminated. */
export function closingStatements(
  run: Parameters<typeof statement>[1],
  r: ScenarioResult,
  home: string,
  at: Date,
): XapiStatement[] {
  const duration = `PT${Math.round(r.duration_s)}S`;
  const score = { scaled: r.score / 100, raw: r.score, min: 0 as const, max: 100 as const };
  return [
    statement('completed', run, home, at, { completion: true, duration }),
    statement(r.pass ? 'passed' : 'failed', run, home, at, { score, success: r.pass, duration }),
    statement('terminated', run, home, at, { duration }),
  ];
}

export interface LrsSettings {
  endpoint: string; // e.g. https://lrs.example.com/xapi/
  username: string;
  password: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why credentials must not go to this endpoint, or null: Basic auth only over https, or to this machine. */
export function endpointProblem(endpoint: string): string | null {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    return 'the learning record store address is not a URL';
  }
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && LOCAL_HOSTS.has(u.hostname)) return null;
  return 'the learning record store must be reached over https:// (the password would travel in clear text)';
}

/** POST the statements to {endpoint}/statements (xAPI 1.0.3). Returns the store's statement ids. */
export async function sendToLrs(
  statements: XapiStatement[],
  s: LrsSettings,
  fetchFn: typeof fetch = fetch,
): Promise<string[]> {
  const problem = endpointProblem(s.endpoint);
  if (problem) throw new Error(problem);
  const url = new URL('statements', s.endpoint.endsWith('/') ? s.endpoint : `${s.endpoint}/`);
  const r = await fetchFn(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Experience-API-Version': '1.0.3',
      Authorization: `Basic ${btoa(`${s.username}:${s.password}`)}`,
    },
    body: JSON.stringify(statements),
  });
  if (!r.ok) throw new Error(`the learning record store answered ${r.status} ${r.statusText}`);
  return (await r.json()) as string[];
}
