import { describe, expect, it } from 'vitest';
import { candidateOf, parseCliArgs, UsageError } from './cli-args.ts';
import { ProgressBar } from './progress-bar.ts';

describe('parseCliArgs', () => {
  it('reads a source, the baseline and candidates with what-ifs', () => {
    const o = parseCliArgs([
      '--generate',
      '10000',
      '--seed',
      '7',
      '--baseline',
      '3',
      '--candidate',
      'draft',
      '--candidate',
      'published,name=cheap,rates=UK-MAN:0.8+US-NJ:1.1,stock=0.5,disable=DE-BER',
      '--out',
      'r.json',
    ]);
    expect(o.source).toEqual({ kind: 'generate', count: 10000, seed: '7' });
    expect(o.baseline).toBe(3);
    expect(o.candidates).toEqual([
      { name: 'draft', policy: 'draft' },
      {
        name: 'cheap',
        policy: 'published',
        rateMultiplier: { 'UK-MAN': 0.8, 'US-NJ': 1.1 },
        stockMultiplier: 0.5,
        disabledWarehouses: ['DE-BER'],
      },
    ]);
    expect(parseCliArgs(['--olist', 'dir', '--olist-group', 'seller']).source).toEqual({
      kind: 'olist',
      dir: 'dir',
      groupBy: 'seller',
      limit: undefined,
    });
    expect(
      parseCliArgs(['--orders', 'h.csv', '--map', 'externalId=o,placedAt=d,sku=s,quantity=q,unitPrice=p,defaults.channelId=web']).source,
    ).toMatchObject({
      kind: 'file',
      csv: { externalId: 'o', sku: 's', defaults: { channelId: 'web' } },
    });
  });

  it('refuses what it cannot run', () => {
    for (const args of [
      [],
      ['--generate', '5', '--olist', 'x'],
      ['--generate', '0'],
      ['--generate', '5', '--baseline', 'latest'],
      ['--orders', 'h.csv'],
      ['--generate', '1', '--nope'],
    ]) {
      expect(() => parseCliArgs(args), args.join(' ')).toThrow();
    }
    expect(() => candidateOf('draft,stock=lots')).toThrow(UsageError);
    expect(() => candidateOf('draft,colour=red')).toThrow(/unknown candidate option/);
  });
});

describe('ProgressBar', () => {
  it('renders the bar, share, counts and rate', () => {
    const bar = new ProgressBar(process.stderr, 10);
    expect(bar.render(5200, 10_000, 2826)).toBe('[#####-----] 52% 5,200/10,000 orders 1,840/s');
    expect(bar.render(10_000, 10_000, 1000)).toBe('[##########] 100% 10,000/10,000 orders 10,000/s');
    expect(bar.render(300, null, 1000)).toBe('300 orders 300/s');
  });
});
