// Glob matching with `*` (any run, possibly empty) and every other character literal. Greedy matching
// that remembers only the last star: linear in practice and O(pattern × name) at worst, so a pattern of
// many stars cannot backtrack exponentially the way `.*.*.*…` in a regular expression does.

export function globMatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.length && pattern[p] === name[n]) {
      p++;
      n++;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A matcher for a comma-separated list of globs: a name matches when any of them does. */
export function globsMatcher(patterns: string): (name: string) => boolean {
  const list = patterns
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return (name) => list.some((p) => globMatch(p, name));
}
