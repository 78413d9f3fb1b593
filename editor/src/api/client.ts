// The editor's only door to the server: one typed function per route of the public HTTP API
// (same origin, `/v1/...`, Bearer token), errors as the contract's `{error:{code,message,details}}`.
import { createSseParser } from './sse.ts';
import type {
  AdjustmentRequest,
  AnalyticsRange,
  AnalyticsReports,
  DryRunOrder,
  DryRunResult,
  ErrorDetail,
  LiveEvent,
  MacroHook,
  MacroDetail,
  MacroDiagnostic,
  MacroRunResult,
  MacroSaved,
  MacroSummary,
  Me,
  OrderPage,
  OrderWithEvents,
  PolicyChoice,
  PolicyDocument,
  PolicyDraft,
  PolicyVersionDetail,
  PolicyVersionList,
  Product,
  Shadow,
  ShadowDiffPage,
  ShadowedOrder,
  ShadowRequest,
  Simulation,
  SimulationDiffPage,
  SimulationHistory,
  SimulationRequest,
  SimulatedOrder,
  StockLevel,
  Warehouse,
} from './types.ts';

/** A failed call: the contract's error code, message and details, plus the HTTP status (0: no answer). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly diagnostics: MacroDiagnostic[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server has no such route (an older server), as opposed to a missing resource. */
  get isMissingRoute(): boolean {
    return this.status === 404 && /^no route for /.test(this.message);
  }
}

let bearer: string | null = null;
let onUnauthorized: (() => void) | undefined;

/** Sets the token every call sends; `unauthorized` runs when the server rejects it later. */
export function setSessionToken(token: string | null, unauthorized?: () => void): void {
  bearer = token;
  onUnauthorized = unauthorized;
}

function headers(extra: Record<string, string> = {}, token = bearer): Record<string, string> {
  return token ? { ...extra, authorization: `Bearer ${token}` } : extra;
}

/** A body sent as it is (NDJSON uploads), not as JSON. */
class RawBody {
  constructor(
    readonly text: string,
    readonly type: string,
  ) {}
}

async function send(method: string, path: string, body?: unknown, token?: string): Promise<Response> {
  const type = body instanceof RawBody ? body.type : 'application/json';
  const init: RequestInit = { method, headers: headers(body === undefined ? {} : { 'content-type': type }, token ?? bearer) };
  if (body !== undefined) init.body = body instanceof RawBody ? body.text : JSON.stringify(body);
  try {
    return await fetch(path, init);
  } catch (err) {
    throw new ApiError(0, 'network', `the server did not answer (${err instanceof Error ? err.message : String(err)})`);
  }
}

type ErrorBody = {
  error?: { code?: string; message?: string; details?: ErrorDetail[]; diagnostics?: MacroDiagnostic[] };
  diagnostics?: MacroDiagnostic[];
};

async function failure(res: Response, token?: string): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let body: ErrorBody | undefined;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    body = undefined;
  }
  const e = body?.error;
  const details = e?.details ?? [];
  // Compile diagnostics come beside the error (or inside it); details then carry `source:L:C` paths.
  const diagnostics = body?.diagnostics ?? e?.diagnostics ?? details.flatMap((d) => sourcePosition(d));
  if (res.status === 401 && token === undefined) onUnauthorized?.();
  return new ApiError(
    res.status,
    e?.code ?? `http_${res.status}`,
    e?.message ?? (text.slice(0, 200) || res.statusText),
    details,
    diagnostics,
  );
}

function sourcePosition(d: ErrorDetail): MacroDiagnostic[] {
  if (d.line !== undefined) return [{ line: d.line, column: d.column ?? 1, message: d.message }];
  const m = /^source:(\d+):(\d+)$/.exec(d.path ?? '');
  return m ? [{ line: Number(m[1]), column: Number(m[2]), message: d.message }] : [];
}

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await send(method, path, body, token);
  if (!res.ok) throw await failure(res, token);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

async function text(path: string): Promise<string> {
  const res = await send('GET', path);
  if (!res.ok) throw await failure(res);
  return res.text();
}

const q = (params: Record<string, string | number | undefined>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
};
const seg = encodeURIComponent;

/** `GET /v1/me` with a token that is not yet the session's (sign-in). */
export const whoIs = (token: string): Promise<Me> => call('GET', '/v1/me', undefined, token);
export const getMe = (): Promise<Me> => call('GET', '/v1/me');

export const listOrders = (p: { limit?: number; status?: string; before?: string }): Promise<OrderPage> => call('GET', `/v1/orders${q(p)}`);
export const getOrder = (id: string): Promise<OrderWithEvents> => call('GET', `/v1/orders/${seg(id)}`);

export const listInventory = (): Promise<{ levels: StockLevel[] }> => call('GET', '/v1/inventory');
export const adjustInventory = (body: AdjustmentRequest): Promise<{ applied: number }> => call('POST', '/v1/inventory/adjustments', body);
export const listWarehouses = (): Promise<{ warehouses: Warehouse[] }> => call('GET', '/v1/warehouses');
export const listProducts = (): Promise<{ products: Product[] }> => call('GET', '/v1/products');

/** The draft with analysis warnings; a bare document (the contract's first shape) is wrapped. */
export const getPolicyDraft = async (): Promise<PolicyDraft> => asDraft(await call<unknown>('GET', '/v1/policies/draft'));
export const savePolicyDraft = async (doc: unknown): Promise<PolicyDraft> =>
  asDraft(await call<unknown>('PUT', '/v1/policies/draft', doc), doc);
export const getPolicySchema = (): Promise<Record<string, unknown>> => call('GET', '/v1/policies/schema');
export const listPolicyVersions = (): Promise<PolicyVersionList> => call('GET', '/v1/policies/versions');
export const getPolicyVersion = async (n: number): Promise<PolicyVersionDetail> => {
  const v = await call<PolicyVersionDetail | PolicyDocument>('GET', `/v1/policies/versions/${n}`);
  return 'rules' in v ? { version: n, publishedAt: '', publishedBy: '', macros: {}, document: v } : v;
};
export const publishPolicy = (): Promise<{ version: number; macros?: Record<string, number> }> => call('POST', '/v1/policies/publish', {});
export const rollbackPolicy = (version: number): Promise<{ version: number; rolledBackTo?: number }> =>
  call('POST', '/v1/policies/rollback', { version });

function asDraft(body: unknown, sent?: unknown): PolicyDraft {
  const b = (body ?? {}) as Partial<PolicyDraft> & { rules?: unknown };
  if (b.document) return { document: b.document, updatedAt: b.updatedAt ?? '', updatedBy: b.updatedBy ?? '', warnings: b.warnings ?? [] };
  const document = (Array.isArray(b.rules) ? b : sent) as PolicyDocument;
  return { document, updatedAt: '', updatedBy: '', warnings: b.warnings ?? [] };
}

export const listMacros = (): Promise<{ macros: MacroSummary[] }> => call('GET', '/v1/macros');
export const getMacro = (name: string): Promise<MacroDetail> => call('GET', `/v1/macros/${seg(name)}`);
export const saveMacro = (name: string, source: string): Promise<MacroSaved> => call('PUT', `/v1/macros/${seg(name)}`, { source });
export const deleteMacro = (name: string): Promise<void> => call('DELETE', `/v1/macros/${seg(name)}`);
export const runMacro = (name: string, hook: MacroHook, input: unknown): Promise<MacroRunResult> =>
  call('POST', `/v1/macros/${seg(name)}/run`, { hook, input });
export const getMacroApiTypes = (): Promise<string> => text('/v1/macro-api.d.ts');

export const dryRun = (order: DryRunOrder, policy: PolicyChoice): Promise<DryRunResult> => call('POST', '/v1/dry-run', { order, policy });

export const listSimulations = (): Promise<{ simulations: Simulation[] }> => call('GET', '/v1/simulations');
export const getSimulation = (id: string): Promise<Simulation> => call('GET', `/v1/simulations/${seg(id)}`);
export const startSimulation = (body: SimulationRequest): Promise<{ id: string; historyId?: string }> =>
  call('POST', '/v1/simulations', body);
export const cancelSimulation = (id: string): Promise<Simulation> => call('POST', `/v1/simulations/${seg(id)}/cancel`, {});
export const deleteSimulation = (id: string): Promise<void> => call('DELETE', `/v1/simulations/${seg(id)}`);
export const getSimulationDiff = (id: string, p: { candidate?: string; offset: number; limit: number }): Promise<SimulationDiffPage> =>
  call('GET', `/v1/simulations/${seg(id)}/diff${q({ ...p, traces: 'false' })}`);
export const getSimulatedOrder = (id: string, externalId: string, channelId?: string): Promise<SimulatedOrder> =>
  call('GET', `/v1/simulations/${seg(id)}/orders/${seg(externalId)}${q({ channelId })}`);

export const listShadows = (): Promise<{ shadows: Shadow[] }> => call('GET', '/v1/shadows');
export const getShadow = (id: string): Promise<Shadow> => call('GET', `/v1/shadows/${seg(id)}`);
export const startShadow = (body: ShadowRequest): Promise<Shadow> => call('POST', '/v1/shadows', body);
export const stopShadow = (id: string): Promise<Shadow> => call('POST', `/v1/shadows/${seg(id)}/stop`, {});
export const deleteShadow = (id: string): Promise<void> => call('DELETE', `/v1/shadows/${seg(id)}`);
export const getShadowDiff = (id: string, p: { offset: number; limit: number }): Promise<ShadowDiffPage> =>
  call('GET', `/v1/shadows/${seg(id)}/diff${q({ ...p, traces: 'false' })}`);
export const getShadowedOrder = (id: string, externalId: string, channelId?: string): Promise<ShadowedOrder> =>
  call('GET', `/v1/shadows/${seg(id)}/orders/${seg(externalId)}${q({ channelId })}`);

export const listHistories = (): Promise<{ histories: SimulationHistory[] }> => call('GET', '/v1/simulation-histories?limit=200');
export const createHistory = (name: string): Promise<{ id: string; name: string; orders: number }> =>
  call('POST', '/v1/simulation-histories', { name });
/** Appends NDJSON lines to a history, all or none; errors name the line within this chunk. */
export const appendHistoryOrders = (id: string, ndjson: string): Promise<{ received: number; orders: number }> =>
  call('POST', `/v1/simulation-histories/${seg(id)}/orders`, new RawBody(ndjson, 'application/x-ndjson'));

/** One analytics report over a date range. */
export const getReport = <K extends keyof AnalyticsReports>(name: K, range: AnalyticsRange): Promise<AnalyticsReports[K]> =>
  call('GET', `/v1/analytics/${name}${q({ from: range.from, to: range.to })}`);

export interface EventStreamOptions {
  /** Resume after this event (sent as `Last-Event-ID`). */
  lastEventId?: string | undefined;
  signal: AbortSignal;
  /** The server subscribed us (its `ready` event): changes from now on arrive. */
  onReady(): void;
  onEvent(e: LiveEvent): void;
}

/**
 * Reads `GET /v1/events` until the stream ends or `signal` aborts; throws ApiError when the
 * server refuses. Reconnecting is the caller's choice (see live.ts).
 */
export async function streamEvents(o: EventStreamOptions): Promise<void> {
  let res: Response;
  try {
    res = await fetch('/v1/events', {
      headers: headers({ accept: 'text/event-stream', ...(o.lastEventId ? { 'last-event-id': o.lastEventId } : {}) }),
      signal: o.signal,
      cache: 'no-store',
    });
  } catch (err) {
    if (o.signal.aborted) return;
    throw new ApiError(0, 'network', `the event stream did not open (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!res.ok || !res.body) throw await failure(res);
  const push = createSseParser((m) => {
    if (m.event === 'ready') return o.onReady();
    if (m.event === 'ping') return;
    try {
      o.onEvent(JSON.parse(m.data) as LiveEvent);
    } catch {
      // A frame we cannot read is skipped; the next full refetch brings the page up to date.
    }
  });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      push(value);
    }
  } catch (err) {
    if (!o.signal.aborted) throw new ApiError(0, 'network', `the event stream broke (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    reader.releaseLock();
  }
}
