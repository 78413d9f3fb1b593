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
    expectTypeOf<Api.MacroDirective>().toEqualTypeOf<Exclude<Domain.Directive, { type: 'run-macro' }>>();
  });

  it('gives every field a macro sees the type the domain gives it', () => {
    // The domain may grow fields a macro does not see yet; the shared ones must not drift.
    expectTypeOf<Pick<Domain.CostBreakdown, keyof Api.CostBreakdown>>().toEqualTypeOf<Api.CostBreakdown>();
    expectTypeOf<Pick<Domain.Address, keyof Api.MacroAddress>>().toEqualTypeOf<Api.MacroAddress>();
    expectTypeOf<Pick<Domain.OrderLine, keyof Api.MacroOrderLine>>().toEqualTypeOf<Api.MacroOrderLine>();
    expectTypeOf<Pick<Domain.Customer, keyof Api.MacroCustomer>>().toEqualTypeOf<Api.MacroCustomer>();
    expectTypeOf<Pick<Domain.Product, keyof Api.MacroProduct>>().toEqualTypeOf<Api.MacroProduct>();
  });

  it('describes an order the server can hand over and packages it can take back', () => {
    expectTypeOf<Domain.Order>().toExtend<Api.MacroOrder>();
    expectTypeOf<Api.MacroPackage['lines'][number]>().toEqualTypeOf<Domain.SkuQuantity>();
    expectTypeOf<Api.MacroDirective>().toExtend<Domain.Directive>();
    expectTypeOf<Api.ScoreResult>().toExtend<Domain.RoutingConstraints['scoreAdjustments']>();
  });
});
