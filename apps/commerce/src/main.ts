import 'reflect-metadata';
import { runMain, startHttpApplication } from '@platform/common';
import { CommerceModule } from './commerce.module';
import { loadCommerceConfig } from './config';

runMain(async () => {
  const config = loadCommerceConfig();
  return startHttpApplication(CommerceModule.forRoot(config), { port: config.PORT });
});
