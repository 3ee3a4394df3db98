// Pieces several EC2 shapes share.
import type { Tag } from '../../domain/tags.js';
import { set, type XmlObject } from '../support/xml.js';

export const tagSet = (tags: readonly Tag[] | undefined) => set((tags ?? []).map((t) => ({ key: t.key, value: t.value })));

/** Public-access blocking is off in every VPC here. */
export const blockPublicAccessStates = (): XmlObject => ({ internetGatewayBlockMode: 'off' });
