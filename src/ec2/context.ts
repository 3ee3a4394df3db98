// What every EC2 action receives: who is asking, the nested query parameters, and the application's dependencies.
import type { AppDeps } from '../app-deps.js';
import type { Scope } from '../domain/scope.js';
import type { QueryParams } from './support/query-params.js';
import type { XmlObject } from './support/xml.js';

export interface Ec2Context {
  scope: Scope;
  requestId: string;
  deps: AppDeps;
  params: QueryParams;
}

/** One EC2 action: the body of its `<Action>Response` (without requestId). Throws Ec2Error for client faults. */
export type Ec2Action = (ctx: Ec2Context) => XmlObject | Promise<XmlObject>;
