import type { Ec2Action } from '../context.js';
import { revoke } from '../support/rule-changes.js';

export const revokeSecurityGroupIngress: Ec2Action = (ctx) => revoke(ctx, 'ingress');
