// Gets a database ready before anything serves it: schema, the first admin, and the demo.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { DEMO_KEYS, isEmpty, seedDemo } from './demo/seed.ts';
import type { Services } from './services/container.ts';

export interface Prepared {
  generatedAdmin: string | undefined;
  demoPresent: boolean;
}

export async function prepare(config: Config, services: Services, log: Logger): Promise<Prepared> {
  const generatedAdmin = await services.access.bootstrapAdmin(config.adminToken);
  if (config.demo && (await isEmpty(services))) {
    log.info('seeding the demo into an empty database');
    await seedDemo(services);
  }
  // Demo keys are printed only while this database still holds the demo.
  const demoPresent = config.demo && (await services.access.authenticate(DEMO_KEYS.webshop)) !== null;
  return { generatedAdmin, demoPresent };
}
