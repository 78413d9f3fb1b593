// An in-app link: a real <a href> (middle-click, copy link work) that routes without reloading.
import type { ComponentChildren } from 'preact';
import { href, onLinkClick } from '../router.ts';

interface LinkProps {
  to: string;
  class?: string;
  current?: boolean;
  children: ComponentChildren;
  label?: string;
}

export function Link({ to, class: cls, current, children, label }: LinkProps) {
  return (
    <a href={href(to)} class={cls} aria-current={current ? 'page' : undefined} aria-label={label} onClick={(e) => onLinkClick(e, to)}>
      {children}
    </a>
  );
}
