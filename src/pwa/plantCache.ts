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

/**
 * Fetches a ?plant= file from the network, keeping a copy of each good answer; with no network, answers the
 * copy, so a laptop that once opened a plant reopens it offline. The page does this rather than the service
 * worker so that the file is fresh whenever the network is there, and a plant file served by a test's route
 * or a station is fetched as the page asked for it.
 */
export async function fetchPlantFile(url: string, deps: Deps = browser()): Promise<Response> {
  let res: Response;
  try {
    res = await deps.fetch(url);
  } catch (e) {
    const kept = await deps.caches
      ?.open(PLANT_CACHE)
      .then((c) => c.match(url))
      .catch(() => undefined);
    if (kept) return kept;
    throw e;
  }
  if (res.ok && deps.caches) {
    const copy = res.clone();
    await deps.caches
      .open(PLANT_CACHE)
      .then((c) => c.put(url, copy))
      .catch(() => undefined); // a full or refused storage costs only the offline copy
  }
  return res;
}
