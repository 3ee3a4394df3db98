// Numeric ranges of ECS structure members (`Shape.member` -> inclusive bounds).
//
// The SDK's runtime schemas carry types and required members but no constraint traits (@range, @length),
// and no maintained npm package ships the ECS model with them (aws-sdk v2's apis/ecs-2014-11-13.min.json
// has neither ranges nor enums, and v2 reached end-of-support on 2025-09-08). So this short table holds
// the ranges that the SDK's own member documentation states, each checked against
// node_modules/@aws-sdk/client-ecs/dist-types/models/*.d.ts. Add a range only with such a source.
export interface NumericRange {
  min?: number;
  max?: number;
}

export const MEMBER_RANGES: Readonly<Record<string, NumericRange>> = {
  // "The weight value ... The valid range is 0 to 1,000."
  'CapacityProviderStrategyItem.weight': { min: 0, max: 1000 },
  // "The base value ... The valid range is 0 to 100,000."
  'CapacityProviderStrategyItem.base': { min: 0, max: 100_000 },
};
