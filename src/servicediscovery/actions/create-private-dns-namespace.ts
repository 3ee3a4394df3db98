import type { Action } from '../../actions/context.js';
import { createNamespaceOfType } from './create-namespace.js';

export const createPrivateDnsNamespace: Action = (ctx, input) => createNamespaceOfType(ctx, input, 'DNS_PRIVATE');
