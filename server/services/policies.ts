// Policy documents: a draft analysts edit, versions an admin publishes with the exact macro
// versions they run, rollback, and the compiled live policy every order is decided by.
import {
  analyzePolicy,
  compilePolicy,
  validatePolicy,
  type CompiledPolicy,
  type PolicyDocument,
  type PolicyWarning,
} from '../policies/index.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import type { Clock } from '../domain/ports.ts';
import type { Db, Sql } from '../store/client.ts';
import { listDraftMacros } from '../store/macro-repo.ts';
import * as repo from '../store/policy-repo.ts';
import type { Catalogue } from './catalogue.ts';
import type { MacroLibrary, MacroVersion } from './macros.ts';

/** A policy ready to decide orders: compiled once, with its macros loaded. */
export interface ActivePolicy {
  /** null for the draft. */
  version: number | null;
  document: PolicyDocument;
  compiled: CompiledPolicy;
  macros: ReadonlyMap<string, MacroVersion>;
}

export type PolicySelector = 'draft' | 'published' | number;

export interface SavedDraft {
  document: PolicyDocument;
  updatedAt: string;
  updatedBy: string;
  warnings: PolicyWarning[];
}

const EMPTY: PolicyDocument = { rules: [] };
// How long another app process's publish can go unseen here; local publishes apply at once.
const LIVE_TTL_MS = 1_000;

export class Policies {
  private live: { checkedAt: number; policy: ActivePolicy | null } | undefined;
  private readonly compiled = new Map<number, ActivePolicy>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly catalogue: Catalogue,
    private readonly macros: MacroLibrary,
  ) {}

  async getDraft(): Promise<SavedDraft> {
    const d = await this.db.read((sql) => repo.getDraft(sql));
    const document = (d?.document as PolicyDocument | undefined) ?? EMPTY;
    return { document, updatedAt: d?.updatedAt ?? '', updatedBy: d?.updatedBy ?? '', warnings: analyzePolicy(document).warnings };
  }

  /** Validates (schema and meaning) and stores the draft; answers with the analysis warnings. */
  async saveDraft(document: unknown, by: string): Promise<SavedDraft> {
    const policy = await this.validate(document);
    const updatedAt = this.clock.now().toISOString();
    await this.db.write((sql) => repo.saveDraft(sql, { document: policy, updatedAt, updatedBy: by }));
    return { document: policy, updatedAt, updatedBy: by, warnings: analyzePolicy(policy).warnings };
  }

  /** Makes the draft live together with the current version of each macro it runs, atomically. */
  async publish(by: string): Promise<{ version: number; macros: Record<string, number> }> {
    // Read before the write: a writer makes no other database call (see Db).
    const { warehouses } = await this.catalogue.snapshot();
    const result = await this.db.write(async (sql) => {
      const draft = await repo.getDraft(sql);
      const policy = await this.validate(draft?.document ?? EMPTY, { sql, warehouses });
      const macros = await this.pinDraftMacros(sql, policy);
      const version = await repo.insertVersionAndGoLive(sql, {
        document: policy,
        macros,
        publishedAt: this.clock.now().toISOString(),
        publishedBy: by,
      });
      return { version, macros };
    });
    this.live = undefined;
    return result;
  }

  /** Makes an earlier version live again, as a new version (so history only grows). */
  async rollback(to: number, by: string): Promise<{ version: number; rolledBackTo: number }> {
    const version = await this.db.write(async (sql) => {
      const old = await repo.getVersion(sql, to);
      if (!old) throw notFound('policy version', String(to));
      return repo.insertVersionAndGoLive(sql, {
        document: old.document,
        macros: old.macros,
        publishedAt: this.clock.now().toISOString(),
        publishedBy: by,
        note: `rollback to version ${to}`,
      });
    });
    this.live = undefined;
    return { version, rolledBackTo: to };
  }

  async versions() {
    return this.db.read(async (sql) => ({ live: await repo.liveVersion(sql), versions: await repo.listVersions(sql) }));
  }

  async version(n: number): Promise<repo.PolicyVersion> {
    const v = await this.db.read((sql) => repo.getVersion(sql, n));
    if (!v) throw notFound('policy version', String(n));
    return v;
  }

  /** Whether the draft policy runs this macro. */
  async draftRuns(macro: string): Promise<boolean> {
    const { document } = await this.getDraft();
    return document.rules.some((r) => r.event.type === 'run-macro' && r.event.params.macro === macro);
  }

  /** The policy orders are decided by now (cached; another process's publish shows within a second). */
  async active(): Promise<ActivePolicy | null> {
    if (this.live && Date.now() - this.live.checkedAt < LIVE_TTL_MS) return this.live.policy;
    const version = await this.db.read((sql) => repo.liveVersion(sql));
    const policy = version === null ? null : await this.load(version);
    this.live = { checkedAt: Date.now(), policy };
    return policy;
  }

  /** A policy by selector, for dry-runs and simulations. */
  async select(selector: PolicySelector): Promise<ActivePolicy | null> {
    if (selector === 'published') return this.active();
    if (typeof selector === 'number') return this.load(selector);
    const { document } = await this.getDraft();
    const drafts = await this.macros.list();
    const used = new Set(document.rules.flatMap((r) => (r.event.type === 'run-macro' ? [r.event.params.macro] : [])));
    const macros = new Map(drafts.filter((m) => used.has(m.name)).map((m) => [m.name, m]));
    return { version: null, document, compiled: compilePolicy(document), macros };
  }

  private async load(version: number): Promise<ActivePolicy> {
    const cached = this.compiled.get(version);
    if (cached) return cached;
    const v = await this.version(version);
    const document = v.document as PolicyDocument;
    const policy = { version, document, compiled: compilePolicy(document), macros: await this.macros.pinnedVersions(v.macros) };
    this.compiled.set(version, policy);
    return policy;
  }

  /** Checks a policy against the catalogue's warehouses and the macros; inside a writer, against what `within` gives. */
  private async validate(document: unknown, within?: { sql: Sql; warehouses: { id: string }[] }): Promise<PolicyDocument> {
    const warehouses = within?.warehouses ?? (await this.catalogue.snapshot()).warehouses;
    const macros = within ? await listDraftMacros(within.sql) : await this.macros.list();
    const result = validatePolicy(document, { warehouseIds: warehouses.map((w) => w.id), macroNames: macros.map((m) => m.name) });
    if (!result.ok) throw invalid('the policy is not valid', result.details);
    return result.policy;
  }

  private async pinDraftMacros(sql: Sql, policy: PolicyDocument): Promise<Record<string, number>> {
    const drafts = new Map((await listDraftMacros(sql)).map((m) => [m.name, m.version]));
    const pins: Record<string, number> = {};
    for (const rule of policy.rules) {
      if (rule.event.type !== 'run-macro') continue;
      const version = drafts.get(rule.event.params.macro);
      if (version === undefined) throw new DomainError('conflict', `macro ${rule.event.params.macro} no longer exists`);
      pins[rule.event.params.macro] = version;
    }
    return pins;
  }
}
