// What CodeDeploy keeps per account and region: applications, deployment groups, custom deployment configurations
// and deployments. Times are epoch milliseconds. Only the ECS compute platform deploys here; tags live on the
// records (CodeDeploy's own tag rules).

export interface CodeDeployTag {
  Key: string;
  Value?: string;
}

export type ComputePlatform = 'Server' | 'Lambda' | 'ECS';

export interface ApplicationRecord {
  applicationId: string;
  applicationName: string;
  computePlatform: ComputePlatform;
  createTime: number;
  tags: CodeDeployTag[];
}

export interface ListenerRoute {
  listenerArns: string[];
}

export interface TargetGroupPair {
  /** Names of the two target groups (blue and green alternate between them). */
  targetGroups: string[];
  prodTrafficRoute?: ListenerRoute;
  testTrafficRoute?: ListenerRoute;
}

export interface BlueGreenConfiguration {
  terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE' | 'KEEP_ALIVE'; terminationWaitTimeInMinutes: number };
  deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT' | 'STOP_DEPLOYMENT'; waitTimeInMinutes: number };
}

export type AutoRollbackEvent = 'DEPLOYMENT_FAILURE' | 'DEPLOYMENT_STOP_ON_ALARM' | 'DEPLOYMENT_STOP_ON_REQUEST';

export interface AutoRollbackConfiguration {
  enabled: boolean;
  events: AutoRollbackEvent[];
}

export interface EcsServiceRef {
  serviceName: string;
  clusterName: string;
}

export interface DeploymentGroupRecord {
  deploymentGroupId: string;
  deploymentGroupName: string;
  applicationName: string;
  serviceRoleArn: string;
  deploymentConfigName: string;
  ecsServices: EcsServiceRef[];
  targetGroupPairs: TargetGroupPair[];
  blueGreen: BlueGreenConfiguration;
  autoRollback?: AutoRollbackConfiguration;
  /** Everything else the caller set (alarms, triggers, …), answered back as given. */
  extra: Record<string, unknown>;
  lastAttemptedDeploymentId?: string;
  lastSuccessfulDeploymentId?: string;
  tags: CodeDeployTag[];
}

export type TrafficRoutingType = 'TimeBasedCanary' | 'TimeBasedLinear' | 'AllAtOnce';

export interface TrafficRouting {
  type: TrafficRoutingType;
  /** Percent of production traffic per step (canary: the first step; linear: every step). */
  percentage?: number;
  /** Minutes between steps. */
  intervalMinutes?: number;
}

export interface DeploymentConfigRecord {
  deploymentConfigId: string;
  deploymentConfigName: string;
  computePlatform: ComputePlatform;
  createTime: number;
  trafficRouting: TrafficRouting;
  /** Server configurations only: answered back as given. */
  minimumHealthyHosts?: { type: string; value: number };
}

/** What the AppSpec's TargetService says the replacement task set runs. */
export interface EcsAppSpec {
  taskDefinition: string;
  containerName: string;
  containerPort: number;
  platformVersion?: string;
  networkConfiguration?: {
    awsvpcConfiguration: { subnets: string[]; securityGroups?: string[]; assignPublicIp?: 'ENABLED' | 'DISABLED' };
  };
  capacityProviderStrategy?: { capacityProvider: string; base?: number; weight?: number }[];
  /** Lifecycle event name → the Lambda function the hook names. */
  hooks: Record<string, string>;
}

export type DeploymentStatus = 'Created' | 'Queued' | 'InProgress' | 'Baking' | 'Succeeded' | 'Failed' | 'Stopped' | 'Ready';
export type LifecycleEventStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown';

export const ECS_LIFECYCLE_EVENTS = [
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const;
export type EcsLifecycleEventName = (typeof ECS_LIFECYCLE_EVENTS)[number];
/** The events the AppSpec may name a hook for. */
export const HOOK_EVENTS: readonly EcsLifecycleEventName[] = [
  'BeforeInstall',
  'AfterInstall',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AfterAllowTraffic',
];

export interface LifecycleEventRecord {
  lifecycleEventName: EcsLifecycleEventName;
  status: LifecycleEventStatus;
  startTime?: number;
  endTime?: number;
  /** Set while a hook waits for PutLifecycleEventHookExecutionStatus. */
  hookExecutionId?: string;
  hookStatus?: 'Pending' | 'Succeeded' | 'Failed';
}

/** Where the deployment is, for the engine (deployment-flow.ts). */
export type DeploymentPhase = 'start' | 'installing' | 'ready-wait' | 'shifting' | 'termination-wait' | 'rollback' | 'done';

/** What the deployment acts on, fixed when it is created. */
export interface DeploymentTarget {
  clusterName: string;
  serviceName: string;
  /** The pair's two target groups (ARNs); blue is the one the primary task set serves in, green the other. */
  targetGroupArns: [string, string];
  blueTargetGroupArn?: string;
  greenTargetGroupArn?: string;
  prodListenerArns: string[];
  testListenerArns: string[];
  /** The task set serving before the deployment. */
  blueTaskSetId?: string;
  blueTaskDefinition?: string;
}

export interface DeploymentRecord {
  deploymentId: string;
  applicationName: string;
  deploymentGroupName: string;
  deploymentConfigName: string;
  trafficRouting: TrafficRouting;
  blueGreen: BlueGreenConfiguration;
  autoRollback?: AutoRollbackConfiguration;
  status: DeploymentStatus;
  creator: 'user' | 'autoRollback';
  description?: string;
  createTime: number;
  startTime?: number;
  completeTime?: number;
  /** The revision as given (AppSpecContent or String) and its parsed AppSpec. */
  revision: Record<string, unknown>;
  appSpec: EcsAppSpec;
  target: DeploymentTarget;
  lifecycleEvents: LifecycleEventRecord[];
  errorInformation?: { code: string; message: string };
  rollbackInfo?: { rollbackDeploymentId?: string; rollbackTriggeringDeploymentId?: string; rollbackMessage?: string };
  statusMessages: string[];
  // --- the engine's progress (deployment-flow.ts) ---
  phase: DeploymentPhase;
  greenTaskSetId?: string;
  /** Percent of production traffic on green. */
  trafficShifted: number;
  /** When the next traffic step, the end of the ready wait or of the termination wait falls due. */
  dueAt?: number;
  /** The ready wait or termination wait was cut short by ContinueDeployment. */
  continued?: 'READY_WAIT' | 'TERMINATION_WAIT';
  /** A stop (StopDeployment) or failure waiting for the engine to carry it out. */
  stopRequested?: { rollback: boolean; reason: 'user' | 'failure'; message: string; code?: string };
  /** The deployment had made green primary before it stopped. */
  greenPrimary?: boolean;
  instanceTerminationWaitTimeStarted: boolean;
}

export interface CodeDeployState {
  /** Applications by name. */
  codeDeployApplications: Record<string, ApplicationRecord>;
  /** Deployment groups by `<application>/<group>`. */
  codeDeployDeploymentGroups: Record<string, DeploymentGroupRecord>;
  /** Custom deployment configurations by name (the predefined ones are in deployment-configs.ts). */
  codeDeployDeploymentConfigs: Record<string, DeploymentConfigRecord>;
  /** Deployments by id. */
  codeDeployDeployments: Record<string, DeploymentRecord>;
}

export const groupKey = (applicationName: string, groupName: string) => `${applicationName}/${groupName}`;

/** A deployment still running (or waiting in Ready). */
export const isActive = (d: Pick<DeploymentRecord, 'status'>) => !['Succeeded', 'Failed', 'Stopped'].includes(d.status);
