import type { Action } from '../../actions/context.js';
import { createNamespaceOfType } from './create-namespace.js';

export const createHttpNamespace: Action = (ctx, input) => createNamespaceOfType(ctx, input, 'HTTP');
