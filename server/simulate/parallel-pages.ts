// Putting a decided batch back together as one page: every order's decisions in variant order
// (whichever host decided them), what changed against the baseline, and the traces worth keeping,
// asked of the hosts that hold them. Also numbers the warehouse lists sent to worker threads.
import type { Warehouse } from '../domain/types.ts';
import type { DiffRow, NewOrderRow, OrderRow, TraceRow } from '../store/simulation-repo.ts';
import type { BatchResult, TraceMode, TraceWant, WarehousesRef } from './parallel-batch.ts';
import type { VariantHost } from './parallel.ts';
import { compareDecisions } from './summary.ts';
import type { DecisionSummary } from './types.ts';
import type { VariantResult } from './variant-run.ts';

export interface AssembledPage {
  orders: NewOrderRow[];
  diffs: DiffRow[];
  traces: Promise<TraceRow[]>;
  /** Every variant's results as of this batch, when they were asked for. */
  snapshot?: VariantResult[] | undefined;
}

export interface PageParts {
  batchId: number;
  /** The batch's orders in seq order, as the page names them. */
  orders: Omit<OrderRow, 'decisions'>[];
  /** One per host, in the hosts' order. */
  results: BatchResult[];
  hosts: VariantHost[];
  variants: number;
  traces: TraceMode;
}

/** The page of a decided batch; its traces come when the hosts answer. */
export function assemblePage(p: PageParts): AssembledPage {
  const orders: NewOrderRow[] = [];
  const diffs: DiffRow[] = [];
  const wants: TraceWant[] = [];
  // A lone variant keeping no traces answers with its pages' JSON already (see BatchResult).
  const ready = p.hosts.length === 1 ? p.results[0]?.decisionsJson : undefined;
  p.orders.forEach((head, j) => {
    if (ready) {
      orders.push({ ...head, decisionsJson: ready[j] ?? '[]' });
      return;
    }
    const decisions = new Array<DecisionSummary>(p.variants);
    p.hosts.forEach((h, hi) => {
      const row = p.results[hi]?.decisions?.[j] ?? [];
      h.variants.forEach((v, k) => (decisions[v] = row[k] as DecisionSummary));
    });
    const base = decisions[0] as DecisionSummary;
    let changedAny = false;
    for (let i = 1; i < p.variants; i++) {
      const changes = compareDecisions(base, decisions[i] as DecisionSummary);
      if (changes.length === 0) continue;
      diffs.push({ candidate: i, seq: head.seq, changes });
      if (!changedAny) wants.push({ seq: head.seq, variant: 0 });
      changedAny = true;
      wants.push({ seq: head.seq, variant: i });
    }
    orders.push({ ...head, decisions });
  });
  const traces = tracesOf(p, wants);
  traces.catch(() => undefined); // awaited when the page is written
  const snapshot = p.results[0]?.snapshot ? variantOrder(p, (r) => r.snapshot ?? []) : undefined;
  return { orders, diffs, traces, ...(snapshot ? { snapshot } : {}) };
}

/** Traces in (seq, variant) order: all of them, or those of changed orders asked of each host. */
async function tracesOf(p: PageParts, wants: TraceWant[]): Promise<TraceRow[]> {
  if (p.traces === 'none') return [];
  const rows =
    p.traces === 'all'
      ? p.results.flatMap((r) => r.traces ?? [])
      : (
          await Promise.all(
            p.hosts.map((h) =>
              h.traces(
                p.batchId,
                wants.filter((w) => h.variants.includes(w.variant)),
              ),
            ),
          )
        ).flat();
  if (p.hosts.length > 1) rows.sort((a, b) => a.seq - b.seq || a.variant - b.variant);
  return rows;
}

function variantOrder<T>(p: PageParts, of: (r: BatchResult) => T[]): T[] {
  const out = new Array<T>(p.variants);
  p.hosts.forEach((h, hi) => {
    const items = of(p.results[hi] as BatchResult);
    h.variants.forEach((v, k) => (out[v] = items[k] as T));
  });
  return out;
}

/** Numbers the warehouse lists a network hands out, so a list it hands out again is sent once. */
export class WarehouseLists {
  private readonly seen = new WeakMap<Warehouse[], number>();
  private next = 0;

  ref(list: Warehouse[]): WarehousesRef {
    const known = this.seen.get(list);
    if (known === undefined) {
      this.seen.set(list, -1);
      return { id: -1, list };
    }
    if (known >= 0) return { id: known };
    const id = this.next++;
    this.seen.set(list, id);
    return { id, list };
  }
}
