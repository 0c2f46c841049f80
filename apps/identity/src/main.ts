import 'reflect-metadata';
import { runMain, startHttpApplication } from '@platform/common';
import { loadIdentityConfig } from './config';
import { IdentityModule } from './identity.module';

runMain(async () => {
  const config = loadIdentityConfig();
  return startHttpApplication(IdentityModule.forRoot(config), { port: config.PORT });
});
