import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** Loads data for a page and reloads when its keys change; a late answer for old keys is dropped. */
export function useResource<T>(load: () => Promise<T>, keys: unknown[]): Resource<T> {
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    load().then(
      (data) => {
        if (call === latest.current) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (call === latest.current) setState({ data: undefined, error: asApiError(error), loading: false });
      },
    );
  }, [...keys, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

export const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError
    ? error
    : new ApiError(0, 'Something went wrong', (error as Error)?.message ?? String(error));

/** The three states every page shows before its content: loading, failed, nothing there yet. */
export function Async<T>({
  resource,
  what,
  isEmpty,
  empty,
  children,
}: {
  resource: Resource<T>;
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  if (resource.error) return <ErrorNotice error={resource.error} retry={resource.reload} what={what} />;
  if (resource.data === undefined)
    return (
      <p class="loading" role="status">
        Loading {what}…
      </p>
    );
  if (isEmpty?.(resource.data))
    return (
      <div class="empty" role="status">
        {empty ?? <p>No {what} yet.</p>}
      </div>
    );
  return <>{children(resource.data)}</>;
}

export function ErrorNotice({ error, retry, what }: { error: ApiError; retry?: () => void; what?: string }) {
  const headline =
    error.status === 403
      ? 'You are not allowed to see this'
      : error.status === 404
        ? `No ${what ?? 'data'} found`
        : what
          ? `Could not load ${what}`
          : error.title;
  return (
    <div class="notice error" role="alert">
      <p>
        <strong>{headline}.</strong> {error.message}
      </p>
      {retry && error.status !== 403 ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function PageTitle({ title, children }: { title: string; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Baton console`;
  }, [title]);
  return (
    <header class="page-header">
      <h1 tabIndex={-1} id="page-title">
        {title}
      </h1>
      {children ? <div class="page-actions">{children}</div> : null}
    </header>
  );
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');

export const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);
