import { ClientRateLimiter } from './ClientRateLimiter';

describe('ClientRateLimiter', () => {
  it('lets a burst through, then one request per refilled token', () => {
    const limiter = new ClientRateLimiter({ burst: 3, perSecond: 2 });
    const t0 = 1_000_000;
    expect([0, 0, 0].map(() => limiter.take('10.0.0.1', t0))).toEqual([
      0, 0, 0,
    ]);
    expect(limiter.take('10.0.0.1', t0)).toBe(1);
    // Another client has its own bucket.
    expect(limiter.take('10.0.0.2', t0)).toBe(0);
    // Half a second refills one token at 2/s.
    expect(limiter.take('10.0.0.1', t0 + 500)).toBe(0);
    expect(limiter.take('10.0.0.1', t0 + 500)).toBe(1);
    // Never more than the burst, however long the client was quiet.
    const later = t0 + 3_600_000;
    expect([0, 0, 0, 0].map(() => limiter.take('10.0.0.1', later))).toEqual([
      0, 0, 0, 1,
    ]);
  });

  it('counts the addresses of one IPv6 /64 as one client', () => {
    const limiter = new ClientRateLimiter({ burst: 1, perSecond: 0.1 });
    expect(limiter.take('2001:db8:1:2::1', 0)).toBe(0);
    expect(limiter.take('2001:db8:1:2:ffff:1:2:3', 0)).toBe(10);
    expect(limiter.take('2001:0db8:0001:0002::9', 0)).toBe(10);
    expect(limiter.take('2001:db8:1:3::1', 0)).toBe(0);
  });

  it('forgets the longest idle clients beyond maxClients', () => {
    const limiter = new ClientRateLimiter({
      burst: 1,
      perSecond: 0.001,
      maxClients: 2,
    });
    expect(limiter.take('a', 0)).toBe(0);
    expect(limiter.take('b', 1)).toBe(0);
    expect(limiter.take('c', 2)).toBe(0);
    // 'a' was forgotten (full bucket again); 'c' is still tracked.
    expect(limiter.take('a', 3)).toBe(0);
    expect(limiter.take('c', 4)).toBeGreaterThan(0);
  });

  it('refuses a limit that would let nothing through', () => {
    expect(() => new ClientRateLimiter({ burst: 0, perSecond: 1 })).toThrow();
    expect(() => new ClientRateLimiter({ burst: 1, perSecond: 0 })).toThrow();
  });
});
