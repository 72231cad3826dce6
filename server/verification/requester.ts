/**
 * Who a request counts as for the verification limits. An IPv4 address is one requester; an IPv6 address counts by
 * its /64, since that is what one home or one server is routed, and anyone holding one has 2^64 addresses to
 * rotate through. An IPv4 address written in IPv6 form (`::ffff:192.0.2.1`) counts as the IPv4 address.
 */
import { isIPv4, isIPv6 } from 'node:net';

export function requesterOf(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  if (isIPv4(address) || !isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(address: string): number[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, null];
  const parse = (part: string | null | undefined): number[] => {
    if (!part) return [];
    return part.split(':').flatMap((piece) => {
      if (!piece.includes('.')) return [parseInt(piece, 16)];
      const [a, b, c, d] = piece.split('.').map(Number);
      return [(a! << 8) | b!, (c! << 8) | d!];
    });
  };
  const front = parse(head);
  const back = parse(tail);
  return tail === null ? front : [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}
