import { useEffect, useMemo, type DependencyList } from 'react';

type Disposable = { dispose(): void };

/**
 * A texture, material or geometry (or a record of them) made for the scene and let go on the GPU when the
 * component unmounts or its inputs change: a plant edited in place remounts parts of the scene many times.
 */
export function useDisposable<T extends Disposable | Record<string, Disposable>>(
  make: () => T,
  deps: DependencyList,
): T {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps are the memo's
  const value = useMemo(make, deps);
  useEffect(
    () => () => {
      if (typeof value.dispose === 'function') (value as Disposable).dispose();
      else for (const d of Object.values(value as Record<string, Disposable>)) d.dispose();
    },
    [value],
  );
  return value;
}
