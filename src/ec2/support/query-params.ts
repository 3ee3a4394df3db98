// EC2's reads of the query parameters (parsed in src/protocol/query-params.ts), with EC2's errors for values
// that are missing or of the wrong kind.
import { invalidParameterValue, missingParameter } from '../../domain/network/ec2-errors.js';
import { paramReaders } from '../../protocol/query-params.js';

export { parseQueryParams, type QueryNode, type QueryParams } from '../../protocol/query-params.js';

export const { str, requiredStr, int, bool, strList, structList, struct } = paramReaders({
  missing: missingParameter,
  invalid: (name, value, kind) =>
    invalidParameterValue(`Invalid value '${value}' for ${name}. It should be a${kind === 'integer' ? 'n' : ''} ${kind}.`),
});
