/** The Cache Storage bucket of plant files loaded by ?plant= (the precache holds only the default plant). */
export const PLANT_CACHE = 'tanktwin-plant-files';

interface Deps {
  fetch: (url: string) => Promise<Response>;
  caches: CacheStorage | undefined;
}

const browser = (): Deps => ({
  fetch: (url) => fetch(url),
  caches: typeof caches === 'undefined' ? undefined : caches,
});

/** The copy kept of a plant file, if any (a storage that cannot be read has none). */
function keptCopy(url: string, deps: Deps): Promise<Response | undefined> {
  return (
    deps.caches
      ?.open(PLANT_CACHE)
      .then((c) => c.match(url))
      .catch(() => undefined) ?? Promise.resolve(undefined)
  );
}

/**
 * Fetches a ?plant= file from the network, keeping a copy of each good answer; with no network, answers the
 * copy, so a laptop that once opened a plant reopens it offline. A server error (a proxy's 502 or 504 while
 * the station is out of reach) counts as no network; a 404 stands (the file is gone). The page does this
 * rather than the service worker so that the file is fresh whenever the network is there, and a plant file
 * served by a test's route or a station is fetched as the page asked for it.
 */
export async function fetchPlantFile(url: string, deps: Deps = browser()): Promise<Response> {
  let res: Response;
  try {
    res = await deps.fetch(url);
  } catch (e) {
    const kept = await keptCopy(url, deps);
    if (kept) return kept;
    throw e;
  }
  if (res.status >= 500) return (await keptCopy(url, deps)) ?? res;
  if (res.ok && deps.caches) {
    const copy = res.clone();
    // not waited for: the start goes on while the copy is written; a full or refused storage costs only it
    void deps.caches
      .open(PLANT_CACHE)
      .then((c) => c.put(url, copy))
      .catch(() => undefined);
  }
  return res;
}
