// What fargate-local offers to programs besides the ECS API: the control API client.
export { ControlApiError, FargateLocalControl } from './control-client.js';
export type {
  ControlScope,
  HealthStatus,
  EcsEvent,
  FaultKind,
  FaultRecord,
  OutageError,
  SpotTarget,
  StreamedEvent,
} from './control-client.js';
