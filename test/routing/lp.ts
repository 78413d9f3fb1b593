// A tiny builder for CPLEX LP text, enough for the routing oracle: named variables, linear
// expressions, constraints, integer and binary declarations.

export type Term = [coefficient: number, variable: string];

export class LpModel {
  private readonly rows: string[] = [];
  private readonly bounds = new Map<string, [number, number]>();
  private readonly generals = new Set<string>();
  private readonly binaries = new Set<string>();
  private count = 0;

  /** Declares a variable with bounds and kind; returns its name. */
  variable(name: string, kind: 'continuous' | 'integer' | 'binary', lo = 0, hi = Infinity): string {
    if (kind === 'binary') this.binaries.add(name);
    else {
      this.bounds.set(name, [lo, hi]);
      if (kind === 'integer') this.generals.add(name);
    }
    return name;
  }

  /** Adds `terms op rhs`. */
  constrain(terms: Term[], op: '<=' | '>=' | '=', rhs: number): void {
    const live = merged(terms);
    if (live.length === 0) return;
    this.rows.push(` c${this.count++}: ${expression(live)} ${op} ${num(rhs)}`);
  }

  /** The LP text minimising (or maximising) an objective. */
  text(sense: 'Minimize' | 'Maximize', objective: Term[]): string {
    const live = merged(objective);
    const obj = live.length > 0 ? expression(live) : `0 ${[...this.binaries, ...this.bounds.keys()][0] ?? 'x'}`;
    const bounds = [...this.bounds].map(([v, [lo, hi]]) => ` ${num(lo)} <= ${v} <= ${hi === Infinity ? '+inf' : num(hi)}`);
    return [
      sense,
      ` obj: ${obj}`,
      'Subject To',
      ...this.rows,
      'Bounds',
      ...bounds,
      ...(this.generals.size > 0 ? ['General', ` ${[...this.generals].join(' ')}`] : []),
      ...(this.binaries.size > 0 ? ['Binary', ` ${[...this.binaries].join(' ')}`] : []),
      'End',
    ].join('\n');
  }
}

/** Terms with each variable once (the LP reader does not add up repeats). */
function merged(terms: Term[]): Term[] {
  const sums = new Map<string, number>();
  for (const [c, v] of terms) sums.set(v, (sums.get(v) ?? 0) + c);
  return [...sums].filter(([, c]) => c !== 0).map(([v, c]): Term => [c, v]);
}

function expression(terms: Term[]): string {
  return merged(terms)
    .map(([c, v], i) => `${c < 0 ? '- ' : i === 0 ? '' : '+ '}${num(Math.abs(c))} ${v}`)
    .join(' ');
}

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toPrecision(17));
