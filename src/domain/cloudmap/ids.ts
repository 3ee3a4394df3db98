// Cloud Map's identifiers: `ns-` and `srv-` with 16 characters, operation ids of 32 and 8 characters, and the
// Route 53 hosted zone id a DNS namespace gets.
import type { Ids } from '../ports.js';

export const newNamespaceId = (ids: Ids) => `ns-${ids.hex32().slice(0, 16)}`;
export const newServiceId = (ids: Ids) => `srv-${ids.hex32().slice(0, 16)}`;
export const newOperationId = (ids: Ids) => `${ids.hex32()}-${ids.hex32().slice(0, 8)}`;
export const newHostedZoneId = (ids: Ids) => `Z${ids.hex32().slice(0, 20).toUpperCase()}`;
