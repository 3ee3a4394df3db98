import { describe, expect, it } from 'vitest';
import { ecrLocalCandidates } from './images.js';

describe('ecrLocalCandidates', () => {
  it('offers the exact name, then repo:tag, for an ECR reference', () => {
    expect(ecrLocalCandidates('123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:1.2')).toEqual([
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:1.2',
      'team/web:1.2',
    ]);
    expect(ecrLocalCandidates('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web@sha256:abc')?.[1]).toBe('web@sha256:abc');
    expect(ecrLocalCandidates('123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/web')?.[1]).toBe('web');
  });

  it('returns null for other registries', () => {
    expect(ecrLocalCandidates('nginx:latest')).toBeNull();
    expect(ecrLocalCandidates('public.ecr.aws/nginx/nginx:latest')).toBeNull();
    expect(ecrLocalCandidates('12345.dkr.ecr.us-east-1.amazonaws.com/web')).toBeNull();
  });
});
