export interface RequestReplyOptions {
  /**
   * Prepended to every subject. Empty in production; tests give each file its own, so two
   * files running the same service in parallel never answer each other's requests.
   */
  subjectPrefix?: string;
  /** How long a caller waits for a reply before TIMEOUT. */
  defaultTimeoutMs?: number;
  /** How long a stopping service waits for requests in progress. */
  shutdownGraceMs?: number;
}

export const REQUEST_REPLY_OPTIONS = Symbol('REQUEST_REPLY_OPTIONS');
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
