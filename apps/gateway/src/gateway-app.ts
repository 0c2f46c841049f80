import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpAdapter } from '@platform/common';
import { Logger } from 'nestjs-pino';
import { type GatewayConfig } from './config';
import { OpenApiDocument } from './docs/openapi-document';
import { buildOpenApiDocument } from './docs/openapi';
import { type GatewayModuleOverrides, GatewayModule } from './gateway.module';
import { hardenHttp } from './http/http-hardening';
import { registerHttpMetrics } from './http/http-metrics';

/**
 * The gateway, assembled and initialised but not yet listening: main.ts, the tests and the
 * benchmark all run exactly this.
 */
export async function createGatewayApp(
  config: GatewayConfig,
  overrides: GatewayModuleOverrides = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.forRoot(config, overrides),
    createHttpAdapter({ bodyLimit: config.BODY_LIMIT_BYTES, trustProxy: config.TRUST_PROXY }),
    // JSON only: Nest's own parsers would add application/x-www-form-urlencoded.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  registerHttpMetrics(app.getHttpAdapter().getInstance());
  await hardenHttp(app, config);
  await app.init();
  if (config.DOCS_ENABLED) app.get(OpenApiDocument).publish(buildOpenApiDocument(app));
  return app;
}
