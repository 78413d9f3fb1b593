// The new-simulation form as plain data, and the POST /v1/simulations body it makes; numbers
// typed by hand are checked here so a slip is named by its field before anything is sent. Pure.
import type { CandidateSpec, ErrorDetail, PolicyRef, SimulationRequest } from '../../api/types.ts';

export type HistoryMode = 'generate' | 'upload' | 'stored';

export interface CandidateForm {
  /** Stable key for the list (not sent). */
  key: number;
  name: string;
  /** `draft`, `published` or a version number as text. */
  policy: string;
  stockMultiplier: string;
  rateMultiplier: string;
  disabledWarehouses: string[];
}

export interface SimulationForm {
  name: string;
  mode: HistoryMode;
  count: string;
  seed: string;
  days: string;
  /** Pasted or read from a file. */
  uploadText: string;
  uploadName: string;
  historyId: string;
  baseline: string;
  candidates: CandidateForm[];
}

export const newCandidate = (key: number, policy = 'draft'): CandidateForm => ({
  key,
  name: key === 0 ? 'draft' : `candidate ${key + 1}`,
  policy,
  stockMultiplier: '',
  rateMultiplier: '',
  disabledWarehouses: [],
});

export const EMPTY_FORM: SimulationForm = {
  name: '',
  mode: 'generate',
  count: '1000',
  seed: '1',
  days: '',
  uploadText: '',
  uploadName: '',
  historyId: '',
  baseline: 'published',
  candidates: [newCandidate(0)],
};

export const policyRef = (v: string): PolicyRef => (v === 'draft' || v === 'published' ? v : Number(v));

type Built = { ok: true; request: SimulationRequest } | { ok: false; details: ErrorDetail[] };

/** The request body; `historyId` is the uploaded history when the form uploads. */
export function buildRequest(f: SimulationForm, uploadedHistoryId?: string): Built {
  const details: ErrorDetail[] = [];
  const int = (text: string, path: string, min: number, max: number): number | undefined => {
    if (text.trim() === '') return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) details.push({ path, message: `a whole number from ${min} to ${max}` });
    return n;
  };
  const factor = (text: string, path: string): number | undefined => {
    if (text.trim() === '') return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0 || n > 100) details.push({ path, message: 'a factor from 0 to 100 (1 leaves it as it is)' });
    return n;
  };
  let orders: SimulationRequest['orders'];
  if (f.mode === 'generate') {
    const count = int(f.count, 'orders.count', 1, 200_000);
    if (count === undefined) details.push({ path: 'orders.count', message: 'how many orders to generate' });
    const seed = f.seed.trim() === '' ? 1 : /^-?\d+$/.test(f.seed.trim()) ? Number(f.seed) : f.seed.trim();
    const days = int(f.days, 'orders.days', 1, 3660);
    orders = { source: 'generate', count: count ?? 0, seed, ...(days ? { days } : {}) };
  } else {
    const historyId = f.mode === 'upload' ? uploadedHistoryId : f.historyId;
    if (!historyId) details.push({ path: 'orders.historyId', message: 'choose a stored history' });
    orders = { source: 'stored', historyId: historyId ?? '' };
  }
  const candidates: CandidateSpec[] = f.candidates.map((c, i) => {
    const stock = factor(c.stockMultiplier, `candidates.${i}.stockMultiplier`);
    const rates = factor(c.rateMultiplier, `candidates.${i}.rateMultiplier`);
    return {
      name: c.name.trim(),
      policy: policyRef(c.policy),
      ...(stock !== undefined ? { stockMultiplier: stock } : {}),
      ...(rates !== undefined ? { rateMultiplier: rates } : {}),
      ...(c.disabledWarehouses.length > 0 ? { disabledWarehouses: [...c.disabledWarehouses].sort() } : {}),
    };
  });
  candidates.forEach((c, i) => {
    if (!c.name) details.push({ path: `candidates.${i}.name`, message: 'give the candidate a name' });
  });
  if (details.length > 0) return { ok: false, details };
  const name = f.name.trim();
  return { ok: true, request: { ...(name ? { name } : {}), orders, baseline: policyRef(f.baseline), candidates } };
}
