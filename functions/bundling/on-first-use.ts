/**
 * A use case whose module (and what it alone imports: the slot engine with luxon, mail composition,
 * calendars) is read by the first request that calls it, not by every cold start of the function that
 * mounts its route. The function it returns is called exactly as the use case is.
 */
// biome-ignore lint/suspicious/noExplicitAny: any use case's signature, kept whole in the returned function's
export function onFirstUse<F extends (...args: any[]) => unknown>(
  load: () => Promise<F>,
): (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>> {
  let loading: Promise<F> | undefined;
  return (...args) => {
    loading ??= load().catch((error: unknown) => {
      // A failed read (say, the package being replaced) is tried again by the next request.
      loading = undefined;
      throw error;
    });
    return loading.then((useCase) => useCase(...args)) as Promise<Awaited<ReturnType<F>>>;
  };
}

/**
 * An adapter whose module is read by its first call, for ports whose every method answers a promise: the
 * visitor function never calls the erasure, report or simulation stores, so its cold start need not read
 * them, while the functions that do call them get the same adapter on first use.
 */
// biome-ignore lint/suspicious/noExplicitAny: any method's signature, kept whole in the port's type
export function adapterOnFirstUse<P extends { [K in keyof P]: (...args: any[]) => Promise<unknown> }>(
  load: () => Promise<P>,
): P {
  let loading: Promise<P> | undefined;
  const adapter = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return new Proxy({} as P, {
    // Not a thenable (awaiting the adapter gives the adapter), and nothing but its methods.
    get: (_target, method) =>
      typeof method === 'string' && method !== 'then'
        ? (...args: unknown[]) =>
            adapter().then((loaded) => (loaded[method as keyof P] as (...a: unknown[]) => Promise<unknown>)(...args))
        : undefined,
  });
}
