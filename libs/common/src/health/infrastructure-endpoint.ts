import { SetMetadata } from '@nestjs/common';

export const INFRASTRUCTURE_ENDPOINT = 'platform:infrastructure-endpoint';

/**
 * Marks the endpoints of probes and scrapers (/health, /metrics). They are not API routes:
 * an API's guards (sign-in required, rate limits) let them through, or a kubelet without a
 * token would restart every healthy gateway pod.
 */
export const InfrastructureEndpoint = (): ClassDecorator & MethodDecorator =>
  SetMetadata(INFRASTRUCTURE_ENDPOINT, true);
