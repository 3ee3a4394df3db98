import type { Action } from '../../actions/context.js';
import { updateNamespaceOfType } from './update-namespace.js';

export const updateHttpNamespace: Action = (ctx, input) => updateNamespaceOfType(ctx, input, 'HTTP');
