import { describe, expect, it } from 'vitest';
import { requesterOf } from './requester.ts';

describe('requesterOf', () => {
  it('keeps an IPv4 address, also when written in IPv6 form', () => {
    expect(requesterOf('198.51.100.7')).toBe('198.51.100.7');
    expect(requesterOf('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(requesterOf('::FFFF:c633:6407')).toBe('198.51.100.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    const block = '2001:db8:0:1::/64';
    for (const address of [
      '2001:db8:0:1::1',
      '2001:0db8:0000:0001:ffff:ffff:ffff:ffff',
      '2001:DB8:0:1:a:b:c:d',
      '2001:db8:0:1::1%eth0',
      '2001:db8:0:1::198.51.100.7',
    ]) {
      expect(requesterOf(address)).toBe(block);
    }
    expect(requesterOf('2001:db8:0:2::1')).toBe('2001:db8:0:2::/64');
    expect(requesterOf('::1')).toBe('0:0:0:0::/64');
    expect(requesterOf('fe80::1')).toBe('fe80:0:0:0::/64');
  });

  it('passes through what is not an IP address', () => {
    expect(requesterOf('unknown')).toBe('unknown');
  });
});
