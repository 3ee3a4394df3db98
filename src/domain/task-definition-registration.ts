// RegisterTaskDefinition as a pure step: request + current state → the new revision's record.
import type * as Ecs from '@aws-sdk/client-ecs';
import { rootPrincipalArn, taskDefinitionArn } from './arn.js';
import { fargateViolation, requiresFargate } from './fargate-validation.js';
import type { Scope } from './scope.js';
import { compatibilitiesOf, requiredAttributes } from './task-definition-attributes.js';
import { assertValidFamily, type TaskDefinitionRecord, type TaskDefinitionState } from './task-definition.js';
import { normaliseSpec } from './task-definition-spec.js';
import { validateTaskDefinition } from './task-definition-validation.js';

export interface RegistrationContext {
  scope: Scope;
  /** Epoch ms. */
  now: number;
}

/** Who registered it: the emulator has no IAM, so every call comes from the account's root. */
export const registeredByOf = rootPrincipalArn;

/**
 * Validates and normalises a registration and returns the record of the family's next revision.
 * Revisions count up per family and are never reused, even after deregistration or deletion.
 */
export function planRegistration(
  state: Readonly<TaskDefinitionState>,
  input: Ecs.RegisterTaskDefinitionRequest,
  { scope, now }: RegistrationContext,
): TaskDefinitionRecord {
  assertValidFamily(input.family ?? '');
  const spec = normaliseSpec(input);
  validateTaskDefinition(spec);
  const violation = fargateViolation(spec);
  if (violation && requiresFargate(spec)) throw violation;
  const revision = (state.taskDefinitionFamilies[spec.family]?.lastRevision ?? 0) + 1;
  return {
    taskDefinitionArn: taskDefinitionArn(scope, spec.family, revision),
    ...spec,
    revision,
    status: 'ACTIVE',
    requiresAttributes: requiredAttributes(spec),
    compatibilities: compatibilitiesOf(spec, violation === null),
    registeredAt: now,
    registeredBy: registeredByOf(scope),
  };
}
