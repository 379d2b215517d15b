import { describe, expect, it } from 'vitest';
import { fetchPlantFile, PLANT_CACHE } from '../../../src/pwa/plantCache';

/** An in-memory Cache Storage with the two calls the plant cache makes. */
function memoryCaches() {
  const buckets = new Map<string, Map<string, Response>>();
  return {
    buckets,
    async open(name: string) {
      const b = buckets.get(name) ?? new Map<string, Response>();
      buckets.set(name, b);
      return {
        async match(url: string) {
          return b.get(url)?.clone();
        },
        async put(url: string, res: Response) {
          b.set(url, res);
        },
      };
    },
  } as unknown as CacheStorage & { buckets: Map<string, Map<string, Response>> };
}

/** Let the copy's write, which the fetch does not wait for, finish (the in-memory storage takes microtasks). */
const written = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const PLANT = { schemaVersion: 1, name: 'Other terminal' };
const online = async () => new Response(JSON.stringify(PLANT), { status: 200 });
const offline = async (): Promise<Response> => {
  throw new TypeError('Failed to fetch');
};

describe('?plant= files kept for offline reloads', () => {
  it('online: the network answer is returned and a copy kept', async () => {
    const caches = memoryCaches();
    const r = await fetchPlantFile('/plants/other.json', { fetch: online, caches });
    expect(await r.json()).toEqual(PLANT);
    await written();
    expect(caches.buckets.get(PLANT_CACHE)?.has('/plants/other.json')).toBe(true);
  });

  it('offline: the kept copy answers', async () => {
    const caches = memoryCaches();
    await fetchPlantFile('/plants/other.json', { fetch: online, caches });
    await written();
    const r = await fetchPlantFile('/plants/other.json', { fetch: offline, caches });
    expect(await r.json()).toEqual(PLANT);
  });

  it('offline with no copy of that file: the network error stands', async () => {
    const caches = memoryCaches();
    await fetchPlantFile('/plants/other.json', { fetch: online, caches });
    await expect(fetchPlantFile('/plants/third.json', { fetch: offline, caches })).rejects.toThrow('Failed to fetch');
  });

  it('an error answer is passed on and not kept, so it never hides a good copy', async () => {
    const caches = memoryCaches();
    await fetchPlantFile('/p.json', { fetch: online, caches });
    await written();
    const r = await fetchPlantFile('/p.json', { fetch: async () => new Response('gone', { status: 404 }), caches });
    expect(r.status).toBe(404);
    const kept = await fetchPlantFile('/p.json', { fetch: offline, caches });
    expect(await kept.json()).toEqual(PLANT);
  });

  it('the network is asked first: a changed file replaces the copy', async () => {
    const caches = memoryCaches();
    await fetchPlantFile('/p.json', { fetch: online, caches });
    await written();
    const changed = { ...PLANT, name: 'Changed' };
    await fetchPlantFile('/p.json', { fetch: async () => new Response(JSON.stringify(changed)), caches });
    await written();
    expect(await (await fetchPlantFile('/p.json', { fetch: offline, caches })).json()).toEqual(changed);
  });

  it('where there is no Cache Storage (plain HTTP) it is a plain fetch', async () => {
    const r = await fetchPlantFile('/p.json', { fetch: online, caches: undefined });
    expect(await r.json()).toEqual(PLANT);
    await expect(fetchPlantFile('/p.json', { fetch: offline, caches: undefined })).rejects.toThrow();
  });

  it("a server error (a proxy's 502 or 504 with the station out of reach) answers with the kept copy", async () => {
    const caches = memoryCaches();
    await fetchPlantFile('/p.json', { fetch: online, caches });
    await written();
    for (const status of [502, 504]) {
      const r = await fetchPlantFile('/p.json', { fetch: async () => new Response('bad gateway', { status }), caches });
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual(PLANT);
    }
    // with no copy of that file, the error answer is passed on
    const none = await fetchPlantFile('/q.json', { fetch: async () => new Response('x', { status: 503 }), caches });
    expect(none.status).toBe(503);
  });

  it('the start does not wait for the copy to be written', async () => {
    const stuck = {
      open: () => new Promise<never>(() => undefined),
    } as unknown as CacheStorage;
    const r = await fetchPlantFile('/p.json', { fetch: online, caches: stuck });
    expect(await r.json()).toEqual(PLANT);
  });
});
