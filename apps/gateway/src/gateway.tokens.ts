/** The validated GatewayConfig, for providers that read it. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
