/**
 * A per-request batch: every `load(key)` made while resolvers run in one tick is answered by
 * one call of `run(keys)` (a Map from key to value), and each key is loaded once per request.
 * What DataLoader does, in the few lines this service needs: the gateway sends every station
 * of a board in one `_entities` request, and they must cost one statement, not one each.
 */
export function batch(run) {
  const cache = new Map();
  let pending = null;

  function flush() {
    const waiting = pending;
    pending = null;
    run([...waiting.keys()]).then(
      (values) => {
        for (const [key, { resolve }] of waiting) resolve(values.get(key));
      },
      (error) => {
        for (const { reject } of waiting.values()) reject(error);
      },
    );
  }

  return function load(key) {
    let promise = cache.get(key);
    if (promise) return promise;
    if (!pending) {
      pending = new Map();
      // After the resolvers of this tick have all asked.
      setImmediate(flush);
    }
    promise = new Promise((resolve, reject) => pending.set(key, { resolve, reject }));
    cache.set(key, promise);
    return promise;
  };
}
