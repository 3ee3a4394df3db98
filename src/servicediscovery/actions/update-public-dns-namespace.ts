import type { Action } from '../../actions/context.js';
import { updateNamespaceOfType } from './update-namespace.js';

export const updatePublicDnsNamespace: Action = (ctx, input) => updateNamespaceOfType(ctx, input, 'DNS_PUBLIC');
