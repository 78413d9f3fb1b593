// The vocabulary of shadow mode: a candidate policy pinned when the shadow starts, and what is kept
// per live order (both decisions, what changed, and what the KPIs need beyond the summaries).
import type { PolicyDocument } from '../policies/index.ts';
import type { DecisionSummary, PromisedDays } from './types.ts';

/** The candidate: the draft (pinned to its content and macro versions at start) or a published version. */
export type ShadowCandidate = 'draft' | number;

export type ShadowStatus = 'running' | 'stopped';

/** The candidate as the shadow decides with it, whatever happens to the draft afterwards. */
export interface PinnedPolicy {
  /** null for the draft. */
  version: number | null;
  document: PolicyDocument;
  /** Macro versions by name, as a publish would pin them. */
  macros: Record<string, number>;
}

export interface ShadowRecord {
  id: string;
  name: string;
  status: ShadowStatus;
  candidate: ShadowCandidate;
  policy: PinnedPolicy;
  promisedDays: Partial<PromisedDays> | null;
  /** The last event before the shadow started: only orders placed after it are decided. */
  startSeq: number;
  /** The last event the shadow has read; orders up to it are recorded. */
  cursor: number;
  orders: number;
  changed: number;
  skipped: number;
  leaseOwner: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  createdBy: string;
  heartbeatAt: string | null;
  stoppedAt: string | null;
  stoppedBy: string | null;
}

/** One macro hook call, as far as coverage needs it. */
export interface CallRecord {
  macro: string;
  hook: string;
  ok: boolean;
  kind?: string | undefined;
  durationUs: number;
}

/** What one side's decision did beyond its summary: SKUs each shipment emptied (in the summary's order), its macro calls. */
export interface DecisionEffects {
  stockOuts: number[];
  calls: CallRecord[];
}

/** One live order as a shadow recorded it; `decisions` and `effects` are [live, candidate]. */
export interface ShadowOrderRow {
  seq: number;
  orderId: string;
  channelId: string;
  externalId: string;
  placedAt: string;
  serviceLevel: DecisionSummary['serviceLevel'];
  /** 'exact': the stock the live decision saw, read back from the event log; 'approximate': see shadow-stock.ts. */
  stock: 'exact' | 'approximate';
  decisions: [DecisionSummary, DecisionSummary] | null;
  effects: [DecisionEffects, DecisionEffects] | null;
  changes: string[] | null;
  /** Why the order could not be decided (then nothing else is kept). */
  skipped: string | null;
}

export interface ShadowTraceRow {
  seq: number;
  variant: number;
  trace: unknown;
}
