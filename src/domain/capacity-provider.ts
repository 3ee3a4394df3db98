// The capacity providers of an account: FARGATE and FARGATE_SPOT exist in every account and cannot be changed.
import { capacityProviderArn } from './arn.js';
import type { Scope } from './scope.js';

export const FARGATE_PROVIDER_NAMES = ['FARGATE', 'FARGATE_SPOT'] as const;

export interface CapacityProviderView {
  capacityProviderArn: string;
  name: string;
  status: 'ACTIVE';
}

export function fargateCapacityProviders(scope: Scope): CapacityProviderView[] {
  return FARGATE_PROVIDER_NAMES.map((name) => ({ capacityProviderArn: capacityProviderArn(scope, name), name, status: 'ACTIVE' }));
}
