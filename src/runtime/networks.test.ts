import { describe, expect, it } from 'vitest';
import { cidrsOverlap } from './networks.js';

describe('cidrsOverlap', () => {
  it('tells whether two IPv4 blocks share addresses', () => {
    expect(cidrsOverlap('169.254.0.0/16', '169.254.170.0/24')).toBe(true);
    expect(cidrsOverlap('10.250.1.0/24', '10.250.2.0/24')).toBe(false);
    expect(cidrsOverlap('10.0.0.0/8', '10.250.2.0/24')).toBe(true);
    expect(cidrsOverlap('fd00::/64', '169.254.0.0/16')).toBe(false);
  });
});
