// Which ECS structure member takes which enum, and that enum's values.
// The mapping is generated from the SDK's TypeScript declarations (npm run generate:ecs-model);
// the values come from the SDK's exported enum objects at run time.
import generated from './ecs-enum-members.json' with { type: 'json' };
import { sdkEnumValues } from './ecs-schema.js';

const ENUM_BY_MEMBER: Readonly<Record<string, string>> = generated.members;

/** The enum name of `Shape.member` (e.g. 'RunTaskRequest.launchType' -> 'LaunchType'), or undefined. */
export function enumNameOf(shape: string, member: string): string | undefined {
  const key = `${shape}.${member}`;
  return Object.hasOwn(ENUM_BY_MEMBER, key) ? ENUM_BY_MEMBER[key] : undefined;
}

/** The allowed values of `Shape.member` when it is an enum member (or a list or map of one). */
export function enumValuesOf(shape: string, member: string): readonly string[] | undefined {
  const name = enumNameOf(shape, member);
  return name ? sdkEnumValues(name) : undefined;
}

/** Every `Shape.member -> EnumName` entry, for consistency checks. */
export function enumMemberEntries(): [string, string][] {
  return Object.entries(ENUM_BY_MEMBER);
}
