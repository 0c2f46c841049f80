import 'reflect-metadata';
import { runMain } from '@platform/common';
import { loadGatewayConfig } from './config';
import { createGatewayApp } from './gateway-app';

runMain(async () => {
  const config = loadGatewayConfig();
  const app = await createGatewayApp(config);
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  return app;
});
