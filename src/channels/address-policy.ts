/**
 * Which IP addresses the server may fetch user-supplied URLs from: only public unicast ones. Private,
 * loopback, link-local, CGNAT, multicast, reserved and documentation ranges, IPv6 outside global
 * unicast (so ULA, link-local, IPv4-mapped, NAT64 and 6to4 too) and cloud metadata endpoints are
 * refused, so a URL in a chat message cannot reach this host, its network or its cloud provider.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** IPv4 ranges never fetched from (RFC 6890 special-purpose blocks and the like). */
const REFUSED_IPV4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT (also Alibaba Cloud's metadata, 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (AWS/GCP/Azure metadata 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
  ['168.63.129.16', 32], // Azure's platform endpoint (a public address reachable only from inside Azure)
];

/** IPv6 ranges inside global unicast (2000::/3) that are still refused. */
const REFUSED_IPV6: ReadonlyArray<readonly [string, number]> = [
  ['2001::', 32], // Teredo (embeds an IPv4 address)
  ['2001:2::', 48], // benchmarking
  ['2001:10::', 28], // ORCHID
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds an IPv4 address)
  ['3fff::', 20], // documentation
];

const refused = new BlockList();
for (const [network, prefix] of REFUSED_IPV4) refused.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of REFUSED_IPV6) refused.addSubnet(network, prefix, 'ipv6');

const globalUnicast = new BlockList();
globalUnicast.addSubnet('2000::', 3, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** An address as written in a URL or by a socket: without IPv6 brackets. */
function bare(address: string): string {
  return address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
}

/**
 * Whether the server may connect to `address` (an IPv4 or IPv6 literal) on a user's behalf: true
 * only for public unicast addresses. Anything that is not an IP literal, or carries an IPv6 zone
 * (`fe80::1%eth0`), is refused.
 */
export function isPublicAddress(address: string): boolean {
  const ip = bare(address);
  if (isIPv4(ip)) return !refused.check(ip, 'ipv4');
  if (isIPv6(ip) && !ip.includes('%')) return globalUnicast.check(ip, 'ipv6') && !refused.check(ip, 'ipv6');
  return false;
}

/** Whether `address` (a socket's remote address) is this machine's loopback, IPv4-mapped forms included. */
export function isLoopbackAddress(address: string): boolean {
  const ip = bare(address);
  if (isIPv4(ip)) return loopback.check(ip, 'ipv4');
  if (isIPv6(ip)) return loopback.check(ip, 'ipv6');
  return false;
}
