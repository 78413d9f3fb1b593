// CPU time of a process's threads from /proc (Linux): a figure that, unlike throughput, another load
// on the machine does not change much. Elsewhere the readings are empty and the figures left out.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Milliseconds of CPU (user and system) per thread id; the main thread's id is the process id. */
export function threadCpuMs(pid: number): Map<number, number> {
  const dir = `/proc/${pid}/task`;
  const out = new Map<number, number>();
  if (!existsSync(dir)) return out;
  for (const tid of readdirSync(dir)) {
    try {
      const stat = readFileSync(`${dir}/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // the thread ended between listing and reading
    }
  }
  return out;
}

/** CPU per unit of work between two readings: the main thread's, and every other thread's together. */
export function cpuPerUnitUs(
  pid: number,
  before: Map<number, number>,
  after: Map<number, number>,
  units: number,
): { mainUs: number; otherUs: number } | undefined {
  if (after.size === 0 || units === 0) return undefined;
  let main = 0;
  let other = 0;
  for (const [tid, ms] of after) {
    const spent = ms - (before.get(tid) ?? 0);
    if (tid === pid) main += spent;
    else other += spent;
  }
  return { mainUs: Math.round((main * 1000) / units), otherUs: Math.round((other * 1000) / units) };
}
