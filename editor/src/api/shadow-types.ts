// What the shadow routes answer, as the editor reads it: a simulation's result shapes with live as
// the baseline variant and the candidate beside it. Restated over Node-free types, like
// simulation-types.ts (the server's own are in server/simulate/shadow-*.ts).
import type { DecisionTrace } from '../../../server/domain/types.ts';
import type { DecisionSummary, DiffStats, HistoryStats, TradeOffPoint, VariantResult } from './simulation-types.ts';

/** The draft (pinned when the shadow started) or a published version. */
export type ShadowCandidate = 'draft' | number;
export type ShadowStatus = 'running' | 'stopped';

/** `POST /v1/shadows`. */
export interface ShadowRequest {
  name?: string;
  candidate?: ShadowCandidate;
}

export interface ShadowResult {
  history: HistoryStats;
  /** Live first, then the candidate. */
  variants: VariantResult[];
  diff: DiffStats[];
  tradeOff: TradeOffPoint[];
  /** Orders decided on exactly the stock live saw, or (far behind) on an approximation. */
  stock: { exact: number; approximate: number };
}

/** `GET /v1/shadows/:id` (the list leaves out `result` and `diff`). */
export interface Shadow {
  id: string;
  name: string;
  status: ShadowStatus;
  candidate: ShadowCandidate;
  policy: { version: number | null; rules: number; macros: Record<string, number> };
  /** Orders recorded, changed and not decided; `behind`: events not read yet. */
  progress: { orders: number; changed: number; skipped: number; cursor: number; behind: number };
  createdAt: string;
  createdBy: string;
  lastBatchAt: string | null;
  stoppedAt: string | null;
  stoppedBy: string | null;
  error?: string;
  result?: ShadowResult;
  diff?: ShadowDiffPage;
}

export interface ShadowDiffItem {
  seq: number;
  orderId: string;
  channelId: string;
  externalId: string;
  placedAt: string;
  changes: string[];
  baseline: DecisionSummary;
  candidate: DecisionSummary;
}

/** `GET /v1/shadows/:id/diff`: live orders the candidate decided differently, a page at a time. */
export interface ShadowDiffPage {
  candidate: string;
  total: number;
  offset: number;
  limit: number;
  items: ShadowDiffItem[];
}

/** `GET /v1/shadows/:id/orders/:externalId`: one live order on both sides. */
export interface ShadowedOrder {
  seq: number;
  orderId: string;
  channelId: string;
  externalId: string;
  placedAt: string;
  skipped?: string;
  variants: { name: string; decision: DecisionSummary | null; trace: DecisionTrace | null }[];
  note?: string;
}
