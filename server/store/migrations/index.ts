// Every schema version in order; a migration is applied once, in one batch, and recorded.
import initial from './001-initial.ts';
import policiesMacros from './002-policies-macros.ts';
import simulations from './003-simulations.ts';
import webhooks from './004-webhooks.ts';
import integrations from './005-integrations.ts';
import returns from './006-returns.ts';
import kitsDuties from './007-kits-duties.ts';
import channelStockPush from './008-channel-stock-push.ts';
import routingSettings from './009-routing-settings.ts';
import shadows from './010-shadows.ts';
import intakeIndexes from './011-intake-indexes.ts';
import webhookStartCursor from './012-webhook-start-cursor.ts';
import secretKeyCheck from './013-secret-key-check.ts';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'initial', statements: initial },
  { version: 2, name: 'policies-macros', statements: policiesMacros },
  { version: 3, name: 'simulations', statements: simulations },
  { version: 4, name: 'webhooks', statements: webhooks },
  { version: 5, name: 'integrations', statements: integrations },
  { version: 6, name: 'returns', statements: returns },
  { version: 7, name: 'kits-duties', statements: kitsDuties },
  { version: 8, name: 'channel-stock-push', statements: channelStockPush },
  { version: 9, name: 'routing-settings', statements: routingSettings },
  { version: 10, name: 'shadows', statements: shadows },
  { version: 11, name: 'intake-indexes', statements: intakeIndexes },
  { version: 12, name: 'webhook-start-cursor', statements: webhookStartCursor },
  { version: 13, name: 'secret-key-check', statements: secretKeyCheck },
];
