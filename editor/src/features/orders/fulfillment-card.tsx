// A fulfillment: where it ships from, how, its packages and what it costs; plus holds and tags.
import type { Fulfillment, Hold } from '../../api/types.ts';
import { Badge, StatusBadge } from '../../components/badges.tsx';
import { day, money } from '../../components/format.ts';

const units = (lines: { sku: string; quantity: number }[]): string => lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ');

export function FulfillmentCard({ f }: { f: Fulfillment }) {
  return (
    <div class="card inset fulfillment">
      <div class="card-head">
        <strong>{f.warehouseId}</strong> <StatusBadge status={f.status} />
        <span class="muted">
          {f.carrier} {f.service}
          {f.crossBorder ? ' · cross-border' : ''} · ETA {day(f.eta)}
          {f.trackingNumber ? ` · tracking ${f.trackingNumber}` : ''}
        </span>
      </div>
      <p class="units">{units(f.lines)}</p>
      <table class="grid-table compact">
        <thead>
          <tr>
            <th scope="col">Package</th>
            <th scope="col">Contents</th>
            <th scope="col">Class</th>
            <th scope="col" class="num">
              kg
            </th>
            <th scope="col" class="num">
              litres
            </th>
          </tr>
        </thead>
        <tbody>
          {f.packages.map((p, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>{units(p.lines)}</td>
              <td>{p.shippingClass}</td>
              <td class="num">{p.weightKg}</td>
              <td class="num">{p.volumeLitres}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl class="inline-dl costs">
        <dt>Shipping</dt>
        <dd>{money(f.cost.shipping)}</dd>
        <dt>Handling</dt>
        <dd>{money(f.cost.handling)}</dd>
        <dt>Duties</dt>
        <dd>{money(f.cost.duties)}</dd>
        <dt>Total</dt>
        <dd class="strong">{money(f.cost.total)}</dd>
      </dl>
    </div>
  );
}

export function HoldsAndTags({ holds, tags }: { holds: Hold[]; tags: string[] | undefined }) {
  if (holds.length === 0 && (!tags || tags.length === 0)) return null;
  return (
    <div class="holds">
      {holds.map((h, i) => (
        <div key={i} class="notice warn">
          <strong>Hold: {h.reason}</strong>
          <span>
            {h.macro ? `macro ${h.macro}: ` : ''}
            {h.message ?? ''}
            {h.lines ? ` (${units(h.lines)})` : ''}
          </span>
        </div>
      ))}
      {tags && tags.length > 0 ? (
        <p>
          Tags:{' '}
          {tags.map((t) => (
            <Badge key={t} tone="info">
              {t}
            </Badge>
          ))}
        </p>
      ) : null}
    </div>
  );
}
