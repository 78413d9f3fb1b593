// Response shapes of the public HTTP API as the editor reads them. Order and policy types come
// from the server's own modules (type-only imports), so a change there is a type error here.
import type { Order, OrderEvent, Product, Warehouse } from '../../../server/domain/types.ts';
import type { PolicyDocument } from '../../../server/policies/document.ts';
import type { ConditionTrace, RuleTrace } from '../../../server/policies/evaluation.ts';
import type { PolicyWarning } from '../../../server/policies/analysis.ts';
import type { AdjustmentRequest, OrderRequest } from '../../../server/http/schemas.ts';

export type { Order, OrderEvent, Product, Warehouse, PolicyDocument, ConditionTrace, RuleTrace, PolicyWarning, AdjustmentRequest, OrderRequest };
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

/** `PUT /v1/policies/draft` answers the saved document and what analysis found in it. */
export interface DraftSaved {
  policy?: PolicyDocument;
  warnings?: PolicyWarning[];
}

export interface PolicyVersion {
  version: number;
  publishedAt: string;
  publishedBy: string;
  macros: Record<string, number>;
  live: boolean;
}

export interface MacroSummary {
  name: string;
  version?: number;
  source?: string;
  updatedAt?: string;
  hooks?: string[];
}

export interface MacroDiagnostic {
  line: number;
  column: number;
  message: string;
}

export interface MacroSaved {
  name: string;
  version: number;
  diagnostics: MacroDiagnostic[];
}

export type MacroHook = 'pack' | 'decide' | 'score';

export interface MacroRunResult {
  ok: boolean;
  value?: unknown;
  error?: string;
  logs: string[];
  durationUs: number;
}

/** One macro call in a decision trace. */
export interface MacroCallTrace {
  macro: string;
  hook: MacroHook;
  ok: boolean;
  value?: unknown;
  error?: string;
  logs?: string[];
  durationUs?: number;
}

/** What `POST /v1/dry-run` posts: an order as a channel sends it, plus the channel. */
export type DryRunOrder = Omit<OrderRequest, 'serviceLevel'> & { serviceLevel?: OrderRequest['serviceLevel']; channelId: string };

export type PolicyChoice = 'draft' | 'published' | number;

/** The decision a dry run returns: the order as it would be stored, nothing reserved. */
export type DryRunResult = Partial<Order> & Pick<Order, 'status' | 'fulfillments' | 'holds'>;

export interface Simulation {
  id: string;
  name?: string;
  status?: string;
  createdAt?: string;
  [key: string]: unknown;
}
