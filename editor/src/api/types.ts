// Response shapes of the public HTTP API as the editor reads them. Order and policy types come
// from the server's own modules (type-only imports), so a change there is a type error here.
import type { Order, OrderEvent, Product, Warehouse } from '../../../server/domain/types.ts';
import type { PolicyDocument } from '../../../server/policies/document.ts';
import type { ConditionTrace, RuleTrace } from '../../../server/policies/evaluation.ts';
import type { PolicyWarning } from '../../../server/policies/analysis.ts';
import type { AdjustmentRequest, OrderRequest } from '../../../server/http/schemas.ts';

export type {
  Order,
  OrderEvent,
  Product,
  Warehouse,
  PolicyDocument,
  ConditionTrace,
  RuleTrace,
  PolicyWarning,
  AdjustmentRequest,
  OrderRequest,
};
export type {
  CandidateTrace,
  CostBreakdown,
  DecisionTrace,
  Directive,
  Fulfillment,
  Hold,
  Package,
  RoutingConstraints,
  RoutingTrace,
} from '../../../server/domain/types.ts';
export type { LeafCondition, PolicyCondition, PolicyRule } from '../../../server/policies/document.ts';

/** The contract's error body: `{"error":{"code","message","details"}}`. */
export interface ErrorDetail {
  path?: string;
  message: string;
  line?: number;
  column?: number;
}

export type Role = 'admin' | 'analyst' | 'channel';

/** `GET /v1/me`. */
export interface Me {
  id: string;
  name: string;
  role: Role;
  channelId?: string | undefined;
  createdAt: string;
}

export interface OrderPage {
  orders: Order[];
  next: string | null;
}

export type OrderWithEvents = Order & { events: OrderEvent[] };

export interface StockLevel {
  sku: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  available: number;
}

/** One Server-Sent Event of `GET /v1/events`: the stored event, with its sequence number. */
export interface LiveEvent {
  seq: number;
  type: string;
  at: string;
  orderId?: string | undefined;
  sku?: string | undefined;
  data: Record<string, unknown>;
}

/** `GET /v1/policies/draft` and `PUT` answer the draft with what analysis found in it. */
export interface PolicyDraft {
  document: PolicyDocument;
  updatedAt: string;
  updatedBy: string;
  warnings: PolicyWarning[];
}

export interface PolicyVersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string;
  /** The exact macro versions this policy version runs. */
  macros: Record<string, number>;
  note?: string | undefined;
  live?: boolean | undefined;
}

export interface PolicyVersionList {
  /** The live version, or null before the first publish. */
  live: number | null;
  versions: PolicyVersionSummary[];
}

export type PolicyVersionDetail = PolicyVersionSummary & { document: PolicyDocument };

export interface MacroSummary {
  name: string;
  version: number;
  hooks: MacroHook[];
  createdAt: string;
  createdBy: string;
}

export type MacroDetail = MacroSummary & { source: string };

/** 1-based line and column, as Monaco markers want them. */
export interface MacroDiagnostic {
  line: number;
  column: number;
  message: string;
}

export interface MacroSaved {
  name: string;
  version: number;
  hooks?: MacroHook[];
  diagnostics: MacroDiagnostic[];
}

export type MacroHook = 'pack' | 'decide' | 'score';

/** Why a macro call failed: the server sends `{kind, message}` (older shapes: a string). */
export type MacroFailure = { kind: string; message: string } | string;

export interface MacroRunResult {
  ok: boolean;
  value?: unknown;
  error?: MacroFailure;
  logs: string[];
  durationUs: number;
}

/** One macro hook call in a decision trace. */
export interface MacroCallTrace extends MacroRunResult {
  macro: string;
  version?: number;
  hook: MacroHook;
}

/** Fields the decider adds to the trace beyond DecisionTrace. */
export interface TraceExtras {
  /** Notes from combining the actions (dropped preferences, conflicting service levels). */
  notes?: string[];
  /** How many rules ran when `rules` keeps only the ones that matched (stored orders). */
  rulesEvaluated?: number;
}

/** What `POST /v1/dry-run` posts: an order as a channel sends it, plus the channel. */
export type DryRunOrder = Omit<OrderRequest, 'serviceLevel'> & { serviceLevel?: OrderRequest['serviceLevel']; channelId: string };

export type PolicyChoice = 'draft' | 'published' | number;

/** The decision a dry run returns: the order as it would be stored; nothing is stored or reserved. */
export type DryRunResult = Pick<Order, 'status' | 'fulfillments' | 'holds' | 'tags' | 'decision'> & { policy?: PolicyChoice };

export type * from './analytics-types.ts';
export type * from './simulation-types.ts';
