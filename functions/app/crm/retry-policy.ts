import { CrmError } from '../../ports/crm.js';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Retries 429, 5xx and network failures with exponential backoff, waiting as long as Retry-After asks (within the bound). */
export async function withRetries<T>(work: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retryable = error instanceof CrmError ? error.retryable : false;
      if (!retryable || attempt >= policy.attempts) throw error;
      const asked =
        error instanceof CrmError && error.retryAfterSeconds
          ? error.retryAfterSeconds * 1000
          : policy.baseDelayMs * 2 ** (attempt - 1);
      await policy.sleep(Math.min(asked, policy.maxDelayMs));
    }
  }
}
