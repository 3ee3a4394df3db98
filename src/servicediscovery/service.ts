// AWS Cloud Map (servicediscovery) on the emulator's port: AWS JSON 1.1, X-Amz-Target
// `Route53AutoNaming_v20170314.<Operation>`. Its errors carry `Message` (and for some codes more members, such
// as NamespaceAlreadyExists's NamespaceId), as the SDK reads them.
import { CloudMapError } from '../domain/cloudmap/errors.js';
import type { WireError } from '../protocol/errors.js';
import type { JsonService } from '../protocol/server.js';
import { SERVICE_DISCOVERY_OPERATIONS } from './index.js';

export const SERVICE_DISCOVERY_TARGET_PREFIX = 'Route53AutoNaming_v20170314';

export function createServiceDiscoveryService(): JsonService {
  return {
    targetPrefix: SERVICE_DISCOVERY_TARGET_PREFIX,
    operations: SERVICE_DISCOVERY_OPERATIONS,
    wireError,
  };
}

function wireError(err: unknown): WireError | undefined {
  if (!(err instanceof CloudMapError)) return undefined;
  return { status: err.status, code: err.code, body: { __type: err.code, Message: err.message, ...err.fields } };
}
