// Status and outcome badges: colour plus a word, never colour alone.
import type { ComponentChildren } from 'preact';

const TONES: Record<string, string> = {
  routed: 'ok',
  delivered: 'ok',
  shipped: 'ok',
  partially_shipped: 'info',
  allocated: 'info',
  on_hold: 'warn',
  backordered: 'warn',
  cancelled: 'muted',
  returned: 'muted',
  chosen: 'ok',
  lost: 'muted',
  ineligible: 'bad',
  running: 'info',
  done: 'ok',
  failed: 'bad',
  interrupted: 'warn',
};

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge tone-${TONES[status] ?? 'muted'}`}>{status.replace(/_/g, ' ')}</span>;
}

export function Badge({ tone, children }: { tone: 'ok' | 'info' | 'warn' | 'bad' | 'muted'; children: ComponentChildren }) {
  return <span class={`badge tone-${tone}`}>{children}</span>;
}

/** A matched / not matched mark for a rule or condition. */
export function Verdict({ ok, yes = 'matched', no = 'not matched' }: { ok: boolean; yes?: string; no?: string }) {
  return (
    <span class={`verdict ${ok ? 'yes' : 'no'}`}>
      <span aria-hidden="true">{ok ? '✓' : '✗'}</span> {ok ? yes : no}
    </span>
  );
}
