// The routing settings in force: split penalty, service-level promises and lateness costs, the
// duty table and the look-ahead, changed through the API by an admin and read on every decision.
// Kept in memory; a write here refreshes the copy at once, and a short time-to-live picks up
// writes made by other app processes on the same database.
import { loadConfig } from '../config.ts';
import { invalid } from '../domain/errors.ts';
import type { Clock } from '../domain/ports.ts';
import type { RoutingOptionsInput } from '../domain/routing-options.ts';
import type { Db, Sql } from '../store/client.ts';
import { appendSettingsVersion, latestSettings, listSettingsVersions, type SettingsVersion } from '../store/settings-repo.ts';
import {
  applyChanges,
  DEFAULT_ROUTING_SETTINGS,
  mergeChanges,
  RoutingSettingsSchema,
  type RoutingSettings,
  type RoutingSettingsChange,
} from './routing-settings-schema.ts';

const KEY = 'routing';

export interface RoutingSettingsView {
  /** The settings routing uses now: the defaults with the overrides applied. */
  settings: RoutingSettings;
  /** What differs from the built-in defaults (all changes since the last reset, merged). */
  overrides: RoutingSettingsChange;
  /** 0 until the settings are first changed. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export class RoutingSettingsService {
  private cached: { at: number; view: RoutingSettingsView } | undefined;
  private options: { view: RoutingSettingsView; options: RoutingOptionsInput } | undefined;
  private loading: Promise<RoutingSettingsView> | undefined;
  // Bumped by every local write, so a load that raced a write never caches what it read before it.
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ttlMs = 2_000,
    // The money in routing traces ("+£3.40") is in the deployment currency.
    private readonly currency = loadConfig().currency,
  ) {}

  /** The settings in force, with their version and who last changed them. */
  async get(): Promise<RoutingSettingsView> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.view;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** The options every routing decision takes. */
  async routingOptions(): Promise<RoutingOptionsInput> {
    const view = await this.get();
    // One options object per settings version read, not a copy per order.
    if (this.options?.view !== view) this.options = { view, options: { ...view.settings, currency: this.currency } };
    return this.options.options;
  }

  /** Merges a validated change into the settings (see `RoutingSettingsChange`) as a new version. */
  async update(change: RoutingSettingsChange, by: string): Promise<RoutingSettingsView> {
    return this.write(by, (current) => mergeChanges(current, change), change);
  }

  /** Back to the built-in defaults, recorded as a version like any change. */
  async reset(by: string): Promise<RoutingSettingsView> {
    return this.write(by, () => ({}), null);
  }

  /** Past versions, newest first: who changed what and when. */
  async history(limit = 50): Promise<SettingsVersion[]> {
    return this.db.read((sql) => listSettingsVersions(sql, KEY, limit));
  }

  private async write(
    by: string,
    next: (current: RoutingSettingsChange) => RoutingSettingsChange,
    change: RoutingSettingsChange | null,
  ): Promise<RoutingSettingsView> {
    const updatedAt = this.clock.now().toISOString();
    const view = await this.db.write(async (sql) => {
      const current = await latestSettings(sql, KEY);
      const overrides = next((current?.overrides ?? {}) as RoutingSettingsChange);
      checkSettings(applyChanges(DEFAULT_ROUTING_SETTINGS, overrides));
      const version = await appendSettingsVersion(sql, KEY, { overrides, change, updatedAt, updatedBy: by });
      return viewOf({ version, overrides, change, updatedAt, updatedBy: by });
    });
    this.generation++;
    this.cached = undefined;
    return view;
  }

  private async load(): Promise<RoutingSettingsView> {
    const generation = this.generation;
    const view = await this.db.read((sql) => readView(sql));
    if (generation === this.generation) this.cached = { at: Date.now(), view };
    return view;
  }
}

/** The routing options stored in a database, read now (a simulation takes them once, as it starts). */
export async function readRoutingOptions(db: Db, currency = loadConfig().currency): Promise<RoutingOptionsInput> {
  return { ...(await db.read((sql) => readView(sql))).settings, currency };
}

async function readView(sql: Sql): Promise<RoutingSettingsView> {
  const latest = await latestSettings(sql, KEY);
  return latest ? viewOf(latest) : { settings: DEFAULT_ROUTING_SETTINGS, overrides: {}, version: 0, updatedAt: null, updatedBy: null };
}

/** Each field is valid alone; this checks the whole still is before it is stored (400 with paths if not). */
function checkSettings(settings: RoutingSettings): void {
  const result = RoutingSettingsSchema.safeParse(settings);
  if (result.success) return;
  const details = result.error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  throw invalid('the routing settings would not be valid after this change', details);
}

/** Stored overrides were validated when written; the result is checked again so routing never sees a bad value. */
function viewOf(v: SettingsVersion): RoutingSettingsView {
  const overrides = v.overrides as RoutingSettingsChange;
  const settings = RoutingSettingsSchema.parse(applyChanges(DEFAULT_ROUTING_SETTINGS, overrides));
  return { settings, overrides, version: v.version, updatedAt: v.updatedAt, updatedBy: v.updatedBy };
}
