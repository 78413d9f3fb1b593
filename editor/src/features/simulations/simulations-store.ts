// The simulations page's state: past simulations, stored histories and policy versions for the
// form, the form itself, and starting a simulation (uploading its history first when asked).
import { signal } from '@preact/signals';
import { ApiError, deleteSimulation, listHistories, listPolicyVersions, listSimulations, startSimulation } from '../../api/client.ts';
import type { PolicyVersionSummary, Simulation, SimulationHistory } from '../../api/types.ts';
import { navigate } from '../../router.ts';
import { buildRequest, type CandidateForm, EMPTY_FORM, newCandidate, type SimulationForm } from './request.ts';
import { type UploadProgress, uploadHistory } from './upload.ts';

export const simulations = signal<Simulation[] | null>(null);
export const listError = signal<unknown>(null);
export const histories = signal<SimulationHistory[]>([]);
export const versions = signal<PolicyVersionSummary[]>([]);

export const form = signal<SimulationForm>(EMPTY_FORM);
export const starting = signal(false);
export const upload = signal<UploadProgress | null>(null);
export const startError = signal<unknown>(null);

/** Loads the list of simulations and what the form offers (histories, versions). */
export async function loadSimulations(): Promise<void> {
  try {
    const [sims, hist, vers] = await Promise.all([listSimulations(), listHistories(), listPolicyVersions().catch(() => null)]);
    simulations.value = sims.simulations;
    histories.value = hist.histories;
    versions.value = vers?.versions ?? [];
    listError.value = null;
  } catch (err) {
    listError.value = err;
  }
}

export function patchForm(patch: Partial<SimulationForm>): void {
  form.value = { ...form.value, ...patch };
}

export function patchCandidate(key: number, patch: Partial<CandidateForm>): void {
  form.value = { ...form.value, candidates: form.value.candidates.map((c) => (c.key === key ? { ...c, ...patch } : c)) };
}

export function addCandidate(): void {
  const key = Math.max(-1, ...form.value.candidates.map((c) => c.key)) + 1;
  form.value = { ...form.value, candidates: [...form.value.candidates, newCandidate(key, 'published')] };
}

export function removeCandidate(key: number): void {
  form.value = { ...form.value, candidates: form.value.candidates.filter((c) => c.key !== key) };
}

/** Checks the form, uploads the history when the form holds one, starts the job and opens it. */
export async function start(): Promise<void> {
  const f = form.value;
  const checked = buildRequest(f, f.mode === 'upload' ? 'pending' : undefined);
  if (!checked.ok) {
    startError.value = new ApiError(0, 'validation_failed', 'the simulation is not complete', checked.details);
    return;
  }
  starting.value = true;
  startError.value = null;
  try {
    let request = checked.request;
    if (f.mode === 'upload') {
      const name = f.uploadName || f.name.trim() || 'uploaded history';
      const historyId = await uploadHistory(name, f.uploadText, (p) => (upload.value = p));
      request = { ...request, orders: { source: 'stored', historyId } };
    }
    const { id } = await startSimulation(request);
    // The rest of the form stays for the next run; a name belongs to one run.
    patchForm({ name: '' });
    navigate(`/simulations/${id}`);
  } catch (err) {
    startError.value = err;
  } finally {
    starting.value = false;
    upload.value = null;
  }
}

/** Deletes a finished simulation after asking; refreshes the list. */
export async function remove(sim: Simulation): Promise<boolean> {
  if (!window.confirm(`Delete the simulation "${sim.name}" and everything it stored?`)) return false;
  try {
    await deleteSimulation(sim.id);
    simulations.value = (simulations.value ?? []).filter((s) => s.id !== sim.id);
    listError.value = null;
    return true;
  } catch (err) {
    listError.value = err;
    return false;
  }
}
