// The macro API must say what the server means: these type checks fail `tsc` when
// macro-api.d.ts and server/domain/types.ts drift apart.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as Domain from '../server/domain/types.ts';
import type * as Api from './macro-api.d.ts';
import { macroApiDts } from './macro-api-dts.ts';

describe('macro-api.d.ts', () => {
  it('is served as text that declares every hook type', () => {
    const text = macroApiDts();
    for (const name of ['PackInput', 'PackResult', 'DecideInput', 'DecideResult', 'ScoreInput', 'ScoreResult', 'MacroOrder']) {
      expect(text).toContain(`export ${name.endsWith('Result') ? 'type' : 'interface'} ${name}`);
    }
    expect(text).toContain('var console: Console;');
  });

  it('uses the vocabulary of the domain types', () => {
    expectTypeOf<Api.ShippingClass>().toEqualTypeOf<Domain.ShippingClass>();
    expectTypeOf<Api.ServiceLevel>().toEqualTypeOf<Domain.ServiceLevel>();
    expectTypeOf<Api.CostBreakdown>().toEqualTypeOf<Domain.CostBreakdown>();
    expectTypeOf<Api.MacroAddress>().toEqualTypeOf<Domain.Address>();
    expectTypeOf<Api.MacroOrderLine>().toEqualTypeOf<Domain.OrderLine>();
    expectTypeOf<Api.MacroCustomer>().toEqualTypeOf<Domain.Customer>();
    expectTypeOf<Api.MacroProduct>().toEqualTypeOf<Omit<Domain.Product, 'sku' | 'name'>>();
    expectTypeOf<Api.MacroDirective>().toEqualTypeOf<Exclude<Domain.Directive, { type: 'run-macro' }>>();
  });

  it('describes an order the server can hand over and packages it can take back', () => {
    expectTypeOf<Domain.Order>().toExtend<Api.MacroOrder>();
    expectTypeOf<Api.MacroPackage['lines'][number]>().toEqualTypeOf<Domain.SkuQuantity>();
    expectTypeOf<Api.MacroDirective>().toExtend<Domain.Directive>();
    expectTypeOf<Api.ScoreResult>().toExtend<Domain.RoutingConstraints['scoreAdjustments']>();
  });
});
