// Every resource lives in one account and one region, as on AWS.
export interface Scope {
  readonly accountId: string;
  readonly region: string;
}

export const scopeKey = (scope: Scope): string => `${scope.accountId}/${scope.region}`;
