// The persisted document: a snapshot file plus a journal of changes after it, versioned so later changes can
// migrate it. Version 1 was the whole state rewritten to one file; version 2 adds `seq` and the journal.
import type { ClusterRecord } from '../domain/cluster.js';
import type { Tag } from '../domain/tags.js';
import type { AccountSettingRecord } from '../domain/account-settings.js';
import type { TaskDefinitionRecord } from '../domain/task-definition.js';
import type { NetworkState } from '../domain/network/network-state.js';
import type { IamState } from '../domain/iam.js';
import type { TaskRecord } from '../domain/task.js';
import type { ServiceRecord } from '../domain/ecs-service.js';
import type { GatewayRecord } from '../domain/gateway.js';
import type { GatewayRouteRecord } from '../domain/gateway-route.js';
import type { ExpressServiceRecord } from '../domain/express-gateway.js';
import type { DaemonDeploymentRecord, DaemonRecord, DaemonRevisionRecord, DaemonTaskDefinitionRecord } from '../domain/daemon.js';
import type { ServiceDeploymentRecord, ServiceRevisionRecord } from '../domain/service-deployment.js';
import type { CapacityProviderRecord } from '../domain/capacity-provider.js';
import type { CloudMapState } from '../domain/cloudmap/records.js';
import type { Elbv2State } from '../domain/elbv2/records.js';
import type { CodeDeployState } from '../domain/codedeploy/records.js';
import type { AutoScalingState } from '../domain/autoscaling/records.js';

export const SCHEMA_VERSION = 2;

/** Everything one account owns in one region. */
export interface RegionState extends NetworkState, CloudMapState, Elbv2State, IamState, CodeDeployState, AutoScalingState {
  /** By cluster name. */
  clusters: Record<string, ClusterRecord>;
  /** By `<family>:<revision>`. */
  taskDefinitions: Record<string, TaskDefinitionRecord>;
  /** By family: the last revision ever registered (revisions are never reused, even after deletion). */
  taskDefinitionFamilies: Record<string, { lastRevision: number }>;
  /** By task id (the 32 hex digits). */
  tasks: Record<string, TaskRecord>;
  /** By `<clusterName>/<serviceName>`. */
  services: Record<string, ServiceRecord>;
  /** By resource ARN. */
  tags: Record<string, Tag[]>;
  /** By setting name, then principal ARN ('' = the account default). */
  accountSettings: Record<string, Record<string, AccountSettingRecord>>;
  /** Auto Scaling group and Managed Instances capacity providers, by name (FARGATE and FARGATE_SPOT are not stored). */
  capacityProviders: Record<string, CapacityProviderRecord>;
  /** Service deployments (rolling), by ARN. */
  serviceDeployments: Record<string, ServiceDeploymentRecord>;
  /** Service revisions, by ARN. */
  serviceRevisions: Record<string, ServiceRevisionRecord>;
  /** Daemon task definitions by `<family>:<revision>`; the last revision of each family. */
  daemonTaskDefinitions: Record<string, DaemonTaskDefinitionRecord>;
  daemonTaskDefinitionFamilies: Record<string, { lastRevision: number }>;
  /** Daemons, their revisions and deployments, by ARN. */
  daemons: Record<string, DaemonRecord>;
  daemonRevisions: Record<string, DaemonRevisionRecord>;
  daemonDeployments: Record<string, DaemonDeploymentRecord>;
  /** Express Mode services by service ARN: their configurations and the resources they created. */
  expressServices: Record<string, ExpressServiceRecord>;
  /** ECS gateways by name. */
  gateways: Record<string, GatewayRecord>;
  /** Routes of services connected to gateways, by route ARN. */
  gatewayRoutes: Record<string, GatewayRouteRecord>;
}

export interface StateDocument {
  schemaVersion: number;
  /** The last journal entry this document includes (see store.ts). */
  seq: number;
  /** By `<accountId>/<region>`. */
  scopes: Record<string, RegionState>;
}

export function emptyRegionState(): RegionState {
  return {
    clusters: {},
    taskDefinitions: {},
    taskDefinitionFamilies: {},
    tasks: {},
    services: {},
    tags: {},
    accountSettings: {},
    capacityProviders: {},
    serviceDeployments: {},
    serviceRevisions: {},
    daemonTaskDefinitions: {},
    daemonTaskDefinitionFamilies: {},
    daemons: {},
    daemonRevisions: {},
    daemonDeployments: {},
    expressServices: {},
    gateways: {},
    gatewayRoutes: {},
    vpcs: {},
    subnets: {},
    securityGroups: {},
    networkInterfaces: {},
    cloudMapNamespaces: {},
    cloudMapServices: {},
    cloudMapInstances: {},
    cloudMapOperations: {},
    loadBalancers: {},
    targetGroups: {},
    listeners: {},
    listenerRules: {},
    internetGateways: {},
    routeTables: {},
    natGateways: {},
    addresses: {},
    networkAcls: {},
    iamRoles: {},
    iamPolicies: {},
    codeDeployApplications: {},
    codeDeployDeploymentGroups: {},
    codeDeployDeploymentConfigs: {},
    codeDeployDeployments: {},
    scalableTargets: {},
    scalingPolicies: {},
    scalingActivities: {},
  };
}

export function emptyDocument(): StateDocument {
  return { schemaVersion: SCHEMA_VERSION, seq: 0, scopes: {} };
}
