import type { Ec2Action } from '../context.js';
import { authorize } from '../support/rule-changes.js';

export const authorizeSecurityGroupEgress: Ec2Action = (ctx) => authorize(ctx, 'egress');
