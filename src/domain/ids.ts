import { randomBytes, randomUUID } from 'node:crypto';
import type { Ids } from './ports.js';

export const randomIds: Ids = {
  hex32: () => randomBytes(16).toString('hex'),
  uuid: () => randomUUID(),
};
