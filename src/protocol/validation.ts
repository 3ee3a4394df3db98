// Input validation driven by the official ECS API model (@aws-sdk/client-ecs's runtime schemas, plus the
// generated enum map): member types, required members, enums and the ranges in model/ranges.ts, checked
// deeply through nested structures, lists and maps. Each operation's validator is compiled on first use.
//   wrong JSON type          -> 400 SerializationException ("STRING_VALUE cannot be converted to Integer")
//   ECS's own member checks  -> the recorded ECS error (model/member-errors.ts)
//   constraint failures      -> 400 ClientException ("1 validation error detected: Value null at 'taskDefinition'
//                               failed to satisfy constraint: Member must not be null")
import { clientException } from '../domain/errors.js';
import { validationErrorsDetected } from './coral-messages.js';
import { InputValidatorCompiler, type Check, type Findings } from './input-validator.js';
import { operationInputSchema } from './model/ecs-schema.js';
import { serializationException } from './errors.js';

const compiler = new InputValidatorCompiler();
const byOperation = new Map<string, Check | null>();

function validatorFor(operation: string): Check | null {
  let check = byOperation.get(operation);
  if (check === undefined) {
    const schema = operationInputSchema(operation);
    check = schema ? compiler.compileStructure(schema) : null;
    byOperation.set(operation, check);
  }
  return check;
}

/** Throws the EcsError ECS would answer when `input` does not fit `operation`'s input shape. */
export function validateInput(operation: string, input: unknown): void {
  const check = validatorFor(operation);
  if (!check) {
    // Not an ECS operation (an operations table can hold others): only the body's top level is checked.
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw serializationException('');
    return;
  }
  const findings: Findings = { failures: [], serviceErrors: [] };
  check(input, '', findings);
  if (findings.serviceErrors.length > 0) throw findings.serviceErrors[0];
  if (findings.failures.length > 0) throw clientException(validationErrorsDetected(findings.failures));
  if (findings.operationErrors?.length) throw findings.operationErrors[0];
}
