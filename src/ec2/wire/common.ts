// Pieces several EC2 shapes share.
import type { Scope } from '../../domain/scope.js';
import type { Tag } from '../../domain/tags.js';
import { set, type XmlObject } from '../support/xml.js';

export const tagSet = (tags: readonly Tag[] | undefined) => set((tags ?? []).map((t) => ({ key: t.key, value: t.value })));

export const ec2Arn = (scope: Scope, type: string, id: string) => `arn:aws:ec2:${scope.region}:${scope.accountId}:${type}/${id}`;

/** Public-access blocking is off in every VPC here. */
export const blockPublicAccessStates = (): XmlObject => ({ internetGatewayBlockMode: 'off' });
