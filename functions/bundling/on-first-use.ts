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
