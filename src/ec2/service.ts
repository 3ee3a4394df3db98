// EC2 on the emulator's port, in EC2's query protocol (API version 2016-11-15): the action named by `Action`, its
// answer in EC2's XML, errors in EC2's <Response><Errors> shape. Nothing a request does can escape as anything
// but an EC2 answer: unexpected failures are logged and answered as EC2's InternalError (500).
import { dryRunOperation, Ec2Error, internalError, invalidAction, missingParameter, noSuchVersion } from '../domain/network/ec2-errors.js';
import type { QueryAnswer, QueryRequest, QueryService } from '../protocol/query.js';
import type { Ec2Action } from './context.js';
import { EC2_ACTIONS } from './index.js';
import { bool, parseQueryParams } from './support/query-params.js';
import { errorXml, successXml, XML_CONTENT_TYPE } from './support/xml.js';

export const EC2_API_VERSION = '2016-11-15';

export function createEc2Service(actions: Readonly<Record<string, Ec2Action>> = EC2_ACTIONS): QueryService {
  return {
    version: EC2_API_VERSION,
    async handle(req: QueryRequest): Promise<QueryAnswer> {
      const { action, version, requestId, deps } = req;
      try {
        if (!action) throw missingParameter('Action');
        if (version !== undefined && version !== EC2_API_VERSION) throw noSuchVersion(version);
        const handler = Object.hasOwn(actions, action) ? actions[action] : undefined;
        if (!handler) throw invalidAction(action);
        const params = parseQueryParams(req.params);
        // DryRun: the request is checked no further than its action and parameters' shape, and nothing changes.
        if (bool(params, 'DryRun')) throw dryRunOperation();
        const body = await handler({ scope: req.scope, requestId, deps, params });
        await deps.store.flush();
        deps.logger.debug({ requestId, action }, 'ec2 request');
        return { status: 200, contentType: XML_CONTENT_TYPE, body: successXml(action, requestId, body) };
      } catch (err) {
        const known = err instanceof Ec2Error ? err : internalError();
        if (known !== err) deps.logger.error({ err, requestId, action }, 'unexpected failure');
        else deps.logger.debug({ requestId, action, code: known.code }, known.message);
        return { status: known.status, contentType: XML_CONTENT_TYPE, body: errorXml(known.code, known.message, requestId) };
      }
    },
  };
}
