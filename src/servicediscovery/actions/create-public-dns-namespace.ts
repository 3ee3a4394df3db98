import type { Action } from '../../actions/context.js';
import { createNamespaceOfType } from './create-namespace.js';

export const createPublicDnsNamespace: Action = (ctx, input) => createNamespaceOfType(ctx, input, 'DNS_PUBLIC');
