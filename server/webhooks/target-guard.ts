// Which URLs a webhook may target. Only http(s); with `allowPrivateTargets` off, no loopback,
// private, link-local or otherwise internal addresses, checked on save (literal hosts) and again
// before every send (what the name resolves to now).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  internal.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is loopback, private, link-local, CGNAT, multicast or unspecified. */
export function isInternalAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return internal.check(mapped, 'ipv4');
  const family = isIP(ip);
  if (family === 0) return false;
  return internal.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');

/** Why a URL cannot be a webhook target, or undefined when it can. */
export function targetProblem(raw: string, allowPrivateTargets: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs can receive webhooks';
  if (allowPrivateTargets) return undefined;
  const host = hostOf(url).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || isInternalAddress(host)) {
    return 'private and loopback addresses are not allowed as webhook targets on this server';
  }
  return undefined;
}

/** Resolves the target's host now and refuses internal addresses (the DNS answer may have changed). */
export async function assertPublicTarget(raw: string): Promise<void> {
  const problem = targetProblem(raw, false);
  if (problem) throw new Error(problem);
  const host = hostOf(new URL(raw));
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  if (addresses.some((a) => isInternalAddress(a.address))) throw new Error(`${host} resolves to a private address`);
}
