import { type VerifiedAccessToken } from '../verification/access-token-verifier';

const CALLER = Symbol('platform.caller');

/** Remembers the verified caller on the HTTP request, for the guards and interceptors that follow. */
export function setCaller(request: object, caller: VerifiedAccessToken): void {
  Object.defineProperty(request, CALLER, { value: caller, enumerable: false, configurable: true });
}

/** The caller whose token the gateway verified for this request, if any. */
export function callerOf(request: object): VerifiedAccessToken | undefined {
  return (request as { [CALLER]?: VerifiedAccessToken })[CALLER];
}
