// The one uPlot wrapper: created in an effect on a ref, destroyed on unmount, resized with its
// container. A chart is a figure with a visible title and a text summary for screen readers.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartOptions } from './chart-kit.ts';

interface ChartProps {
  title: string;
  /** What the chart shows, in words (the canvas says nothing to a screen reader). */
  summary: string;
  /** Recreated when this object changes: build it with useMemo. */
  options: ChartOptions;
  data: uPlot.AlignedData;
  height?: number;
  /** Shown under the title (units, what "better" means). */
  note?: ComponentChildren;
}

export function Chart({ title, summary, options, data, height = 220, note }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const u = new uPlot({ ...options, width: Math.max(el.clientWidth, 200), height }, latest.current, el);
    plot.current = u;
    let width = el.clientWidth;
    const resized = new ResizeObserver(() => {
      if (el.clientWidth === width || el.clientWidth === 0) return;
      width = el.clientWidth;
      u.setSize({ width, height });
    });
    resized.observe(el);
    return () => {
      resized.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [options, height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return (
    <figure class="chart card">
      <figcaption>
        <strong>{title}</strong>
        {note ? <span class="sub"> {note}</span> : null}
      </figcaption>
      <div ref={host} class="chart-host" role="img" aria-label={`${title}. ${summary}`} />
    </figure>
  );
}
