// History routing under the editor's base path (/editor/): the path is a signal, links push state.
import { computed, signal } from '@preact/signals';

const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

function current(): string {
  const p = window.location.pathname;
  const inside = p.startsWith(BASE) ? p.slice(BASE.length) : p;
  return inside === '' ? '/' : inside;
}

/** The path inside the editor, e.g. `/orders/ord_1`. */
export const path = signal(current());
/** Path segments, decoded: `/orders/ord_1` is `['orders', 'ord_1']`. */
export const segments = computed(() => path.value.split('/').filter(Boolean).map(decodeURIComponent));

window.addEventListener('popstate', () => {
  path.value = current();
});

/** The href of an editor path, for `<a href>`. */
export const href = (to: string): string => `${BASE}${to}`;

/** Goes to an editor path; `replace` keeps the history entry. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === path.value) return;
  if (opts.replace) window.history.replaceState(null, '', href(to));
  else window.history.pushState(null, '', href(to));
  path.value = to;
}

/** Click handler for links: plain clicks route in the page, modified clicks open as usual. */
export function onLinkClick(e: MouseEvent, to: string): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(to);
}
