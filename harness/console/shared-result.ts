/**
 * One call shared by every caller within `ms` of its start: several open tabs
 * polling every second cost one `docker inspect` and one set of Prometheus
 * queries per second, not one per tab. A failed call is not kept.
 */
export function sharedFor<T>(ms: number, load: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (cached && now() - cached.at < ms) return cached.value;
    const value = load();
    const entry = { at: now(), value };
    cached = entry;
    value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return value;
  };
}
