// AWS Cloud Map through @aws-sdk/client-servicediscovery, on the emulator's port: namespaces created through
// asynchronous operations, services with DNS records and custom health, instances, DiscoverInstances with its
// filters, tags, and Cloud Map's own errors.
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreateServiceCommand,
  DeleteNamespaceCommand,
  DeleteServiceCommand,
  DeregisterInstanceCommand,
  DiscoverInstancesCommand,
  DiscoverInstancesRevisionCommand,
  GetInstanceCommand,
  GetInstancesHealthStatusCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  GetServiceCommand,
  ListInstancesCommand,
  ListNamespacesCommand,
  ListOperationsCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  RegisterInstanceCommand,
  ServiceDiscoveryClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateInstanceCustomHealthStatusCommand,
  UpdatePrivateDnsNamespaceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ec2Client } from '../support/ec2.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
let sd: ServiceDiscoveryClient;
let vpcId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  sd = new ServiceDiscoveryClient({
    endpoint: emu.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
    // DiscoverInstances goes to `data-<host>` unless host prefixes are off: an endpoint of 127.0.0.1 has none.
    disableHostPrefix: true,
  });
  const ec2 = ec2Client(emu.endpoint);
  const { Vpcs } = await ec2.send(new DescribeVpcsCommand({}));
  vpcId = Vpcs![0]!.VpcId!;
  ec2.destroy();
});
afterAll(async () => {
  sd.destroy();
  await emu.close();
});

interface Failure {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
  [member: string]: unknown;
}
async function failure(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (err) {
    return err as Failure;
  }
  throw new Error('the call succeeded');
}

/** Waits for an operation to finish, as clients poll GetOperation. */
async function completed(operationId: string) {
  for (;;) {
    const { Operation } = await sd.send(new GetOperationCommand({ OperationId: operationId }));
    if (Operation!.Status === 'SUCCESS' || Operation!.Status === 'FAIL') return Operation!;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function privateNamespace(name = `${uniqueName('ns')}.internal`) {
  const { OperationId } = await sd.send(new CreatePrivateDnsNamespaceCommand({ Name: name, Vpc: vpcId }));
  const op = await completed(OperationId!);
  return { id: op.Targets!.NAMESPACE!, name, operationId: OperationId! };
}

describe('namespaces', () => {
  it('creates a private DNS namespace through an operation that goes SUBMITTED -> SUCCESS', async () => {
    const name = `${uniqueName('corp')}.internal`;
    const { OperationId } = await sd.send(
      new CreatePrivateDnsNamespaceCommand({ Name: name, Vpc: vpcId, Description: 'd', Tags: [{ Key: 'team', Value: 'a' }] }),
    );
    const first = await sd.send(new GetOperationCommand({ OperationId }));
    expect(first.Operation).toMatchObject({ Id: OperationId, Type: 'CREATE_NAMESPACE', Status: 'SUBMITTED', OwnerAccount: '000000000000' });
    const done = await completed(OperationId!);
    expect(done.Status).toBe('SUCCESS');
    expect(done.UpdateDate!.getTime()).toBeGreaterThanOrEqual(done.CreateDate!.getTime());
    const id = done.Targets!.NAMESPACE!;
    expect(id).toMatch(/^ns-[a-z0-9]{16}$/);
    const { Namespace } = await sd.send(new GetNamespaceCommand({ Id: id }));
    expect(Namespace).toMatchObject({
      Id: id,
      Arn: `arn:aws:servicediscovery:us-east-1:000000000000:namespace/${id}`,
      Name: name,
      Type: 'DNS_PRIVATE',
      Description: 'd',
      ServiceCount: 0,
      ResourceOwner: '000000000000',
      Properties: { DnsProperties: { SOA: { TTL: 15 } }, HttpProperties: { HttpName: name } },
    });
    expect(Namespace!.Properties!.DnsProperties!.HostedZoneId).toMatch(/^Z[0-9A-Z]+$/);
    expect(Namespace!.CreateDate).toBeInstanceOf(Date);
    const { Tags } = await sd.send(new ListTagsForResourceCommand({ ResourceARN: Namespace!.Arn }));
    expect(Tags).toEqual([{ Key: 'team', Value: 'a' }]);
  });

  it('lists namespaces with filters and pages, and updates the SOA TTL', async () => {
    const ns = await privateNamespace();
    const { OperationId: httpOp } = await sd.send(new CreateHttpNamespaceCommand({ Name: uniqueName('http') }));
    const http = (await completed(httpOp!)).Targets!.NAMESPACE!;
    const dnsOnly = await sd.send(new ListNamespacesCommand({ Filters: [{ Name: 'TYPE', Values: ['DNS_PRIVATE'] }] }));
    expect(dnsOnly.Namespaces!.map((n) => n.Id)).toContain(ns.id);
    expect(dnsOnly.Namespaces!.map((n) => n.Id)).not.toContain(http);
    const byName = await sd.send(new ListNamespacesCommand({ Filters: [{ Name: 'NAME', Values: [ns.name], Condition: 'EQ' }] }));
    expect(byName.Namespaces!.map((n) => n.Id)).toEqual([ns.id]);
    const first = await sd.send(new ListNamespacesCommand({ MaxResults: 1 }));
    expect(first.Namespaces).toHaveLength(1);
    const second = await sd.send(new ListNamespacesCommand({ MaxResults: 1, NextToken: first.NextToken }));
    expect(second.Namespaces![0]!.Id).not.toBe(first.Namespaces![0]!.Id);
    const { OperationId } = await sd.send(
      new UpdatePrivateDnsNamespaceCommand({ Id: ns.id, Namespace: { Properties: { DnsProperties: { SOA: { TTL: 60 } } } } }),
    );
    expect((await completed(OperationId!)).Type).toBe('UPDATE_NAMESPACE');
    const { Namespace } = await sd.send(new GetNamespaceCommand({ Id: ns.id }));
    expect(Namespace!.Properties!.DnsProperties!.SOA).toEqual({ TTL: 60 });
    const ops = await sd.send(new ListOperationsCommand({ Filters: [{ Name: 'NAMESPACE_ID', Values: [ns.id] }] }));
    expect(ops.Operations!.map((o) => o.Id).sort()).toEqual([ns.operationId, OperationId].sort());
  });

  it('answers a retry with the same CreatorRequestId with the same operation, and a name taken with NamespaceAlreadyExists', async () => {
    const name = `${uniqueName('idem')}.internal`;
    const a = await sd.send(new CreatePrivateDnsNamespaceCommand({ Name: name, Vpc: vpcId, CreatorRequestId: `r-${name}` }));
    const b = await sd.send(new CreatePrivateDnsNamespaceCommand({ Name: name, Vpc: vpcId, CreatorRequestId: `r-${name}` }));
    expect(b.OperationId).toBe(a.OperationId);
    const other = await failure(
      sd.send(new CreatePrivateDnsNamespaceCommand({ Name: 'x.example', Vpc: vpcId, CreatorRequestId: `r-${name}` })),
    );
    expect(other.name).toBe('DuplicateRequest');
    expect(other.DuplicateOperationId).toBe(a.OperationId);
    const taken = await failure(sd.send(new CreatePrivateDnsNamespaceCommand({ Name: name, Vpc: vpcId })));
    expect(taken.name).toBe('NamespaceAlreadyExists');
    expect(taken.NamespaceId).toBe((await completed(a.OperationId!)).Targets!.NAMESPACE);
    expect(taken.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses unknown namespaces and VPCs, missing members, and deleting a namespace that has services', async () => {
    const missing = await failure(sd.send(new GetNamespaceCommand({ Id: 'ns-0000000000000000' })));
    expect(missing.name).toBe('NamespaceNotFound');
    expect(missing.message).toContain('ns-0000000000000000');
    const badVpc = await failure(sd.send(new CreatePrivateDnsNamespaceCommand({ Name: 'a.b', Vpc: 'vpc-0123456789abcdef0' })));
    expect(badVpc.name).toBe('InvalidInput');
    const noName = await failure(sd.send(new CreateHttpNamespaceCommand({ Name: undefined as unknown as string })));
    expect(noName).toMatchObject({ name: 'InvalidInput', message: expect.stringContaining("Value null at 'name'") });
    const ns = await privateNamespace();
    const svc = await sd.send(new CreateServiceCommand({ Name: 'api', NamespaceId: ns.id }));
    const inUse = await failure(sd.send(new DeleteNamespaceCommand({ Id: ns.id })));
    expect(inUse.name).toBe('ResourceInUse');
    await sd.send(new DeleteServiceCommand({ Id: svc.Service!.Id }));
    const { OperationId } = await sd.send(new DeleteNamespaceCommand({ Id: ns.id }));
    expect((await completed(OperationId!)).Type).toBe('DELETE_NAMESPACE');
    expect((await failure(sd.send(new GetNamespaceCommand({ Id: ns.id })))).name).toBe('NamespaceNotFound');
  });
});

describe('services', () => {
  it('creates a DNS service with A and SRV records and custom health, and reads it back whole', async () => {
    const ns = await privateNamespace();
    const { Service } = await sd.send(
      new CreateServiceCommand({
        Name: 'api',
        NamespaceId: ns.id,
        Description: 'the api',
        DnsConfig: {
          RoutingPolicy: 'MULTIVALUE',
          DnsRecords: [
            { Type: 'A', TTL: 10 },
            { Type: 'SRV', TTL: 20 },
          ],
        },
        HealthCheckCustomConfig: { FailureThreshold: 1 },
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    expect(Service!.Id).toMatch(/^srv-[a-z0-9]{16}$/);
    const { Service: read } = await sd.send(new GetServiceCommand({ Id: Service!.Id }));
    expect(read).toMatchObject({
      Id: Service!.Id,
      Arn: `arn:aws:servicediscovery:us-east-1:000000000000:service/${Service!.Id}`,
      Name: 'api',
      NamespaceId: ns.id,
      Description: 'the api',
      Type: 'DNS_HTTP',
      InstanceCount: 0,
      DnsConfig: {
        NamespaceId: ns.id,
        RoutingPolicy: 'MULTIVALUE',
        DnsRecords: [
          { Type: 'A', TTL: 10 },
          { Type: 'SRV', TTL: 20 },
        ],
      },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
      CreatedByAccount: '000000000000',
    });
    expect((await sd.send(new GetNamespaceCommand({ Id: ns.id }))).Namespace!.ServiceCount).toBe(1);
    const listed = await sd.send(new ListServicesCommand({ Filters: [{ Name: 'NAMESPACE_ID', Values: [ns.id] }] }));
    expect(listed.Services!.map((s) => s.Id)).toEqual([Service!.Id]);
    const { OperationId } = await sd.send(
      new UpdateServiceCommand({
        Id: Service!.Id,
        Service: {
          DnsConfig: {
            DnsRecords: [
              { Type: 'A', TTL: 5 },
              { Type: 'SRV', TTL: 5 },
            ],
          },
        },
      }),
    );
    expect((await completed(OperationId!)).Targets).toEqual({ SERVICE: Service!.Id });
    expect((await sd.send(new GetServiceCommand({ Id: Service!.Id }))).Service!.DnsConfig!.DnsRecords).toEqual([
      { Type: 'A', TTL: 5 },
      { Type: 'SRV', TTL: 5 },
    ]);
    await sd.send(new TagResourceCommand({ ResourceARN: read!.Arn, Tags: [{ Key: 'k2', Value: 'v2' }] }));
    await sd.send(new UntagResourceCommand({ ResourceARN: read!.Arn, TagKeys: ['k'] }));
    expect((await sd.send(new ListTagsForResourceCommand({ ResourceARN: read!.Arn }))).Tags).toEqual([{ Key: 'k2', Value: 'v2' }]);
  });

  it('refuses a service name taken in the namespace, an unknown namespace, and DNS records in an HTTP namespace', async () => {
    const ns = await privateNamespace();
    const first = await sd.send(new CreateServiceCommand({ Name: 'dup', NamespaceId: ns.id }));
    const dup = await failure(sd.send(new CreateServiceCommand({ Name: 'dup', NamespaceId: ns.id })));
    expect(dup).toMatchObject({ name: 'ServiceAlreadyExists', ServiceId: first.Service!.Id });
    expect((await failure(sd.send(new CreateServiceCommand({ Name: 'x', NamespaceId: 'ns-nope' })))).name).toBe('NamespaceNotFound');
    const { OperationId } = await sd.send(new CreateHttpNamespaceCommand({ Name: uniqueName('h') }));
    const http = (await completed(OperationId!)).Targets!.NAMESPACE!;
    const dns = await failure(
      sd.send(new CreateServiceCommand({ Name: 'x', NamespaceId: http, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 1 }] } })),
    );
    expect(dns.name).toBe('InvalidInput');
    expect((await failure(sd.send(new GetServiceCommand({ Id: 'srv-nope' })))).name).toBe('ServiceNotFound');
    const tagMissing = await failure(
      sd.send(new ListTagsForResourceCommand({ ResourceARN: 'arn:aws:servicediscovery:us-east-1:000000000000:service/srv-x' })),
    );
    expect(tagMissing.name).toBe('ResourceNotFoundException');
  });
});

describe('instances', () => {
  async function dnsService(custom = true) {
    const ns = await privateNamespace();
    const { Service } = await sd.send(
      new CreateServiceCommand({
        Name: 'web',
        NamespaceId: ns.id,
        DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] },
        ...(custom ? { HealthCheckCustomConfig: { FailureThreshold: 1 } } : {}),
      }),
    );
    return { ns, serviceId: Service!.Id! };
  }

  it('registers, discovers by attributes and health, follows custom health, and deregisters', async () => {
    const { ns, serviceId } = await dnsService();
    const reg = await sd.send(
      new RegisterInstanceCommand({
        ServiceId: serviceId,
        InstanceId: 'i-1',
        Attributes: { AWS_INSTANCE_IPV4: '10.0.0.5', color: 'blue' },
      }),
    );
    expect((await completed(reg.OperationId!)).Targets).toEqual({ INSTANCE: 'i-1', SERVICE: serviceId });
    await sd.send(
      new RegisterInstanceCommand({
        ServiceId: serviceId,
        InstanceId: 'i-2',
        Attributes: { AWS_INSTANCE_IPV4: '10.0.0.6', color: 'green', AWS_INIT_HEALTH_STATUS: 'UNHEALTHY' },
      }),
    );
    const rev1 = (await sd.send(new DiscoverInstancesRevisionCommand({ NamespaceName: ns.name, ServiceName: 'web' }))).InstancesRevision!;
    const healthy = await sd.send(new DiscoverInstancesCommand({ NamespaceName: ns.name, ServiceName: 'web' }));
    expect(healthy.Instances).toEqual([
      {
        InstanceId: 'i-1',
        NamespaceName: ns.name,
        ServiceName: 'web',
        HealthStatus: 'HEALTHY',
        Attributes: { AWS_INSTANCE_IPV4: '10.0.0.5', color: 'blue' },
      },
    ]);
    const all = await sd.send(new DiscoverInstancesCommand({ NamespaceName: ns.name, ServiceName: 'web', HealthStatus: 'ALL' }));
    expect(all.Instances!.map((i) => [i.InstanceId, i.HealthStatus])).toEqual([
      ['i-1', 'HEALTHY'],
      ['i-2', 'UNHEALTHY'],
    ]);
    const green = await sd.send(
      new DiscoverInstancesCommand({
        NamespaceName: ns.name,
        ServiceName: 'web',
        HealthStatus: 'ALL',
        QueryParameters: { color: 'green' },
      }),
    );
    expect(green.Instances!.map((i) => i.InstanceId)).toEqual(['i-2']);
    await sd.send(new UpdateInstanceCustomHealthStatusCommand({ ServiceId: serviceId, InstanceId: 'i-2', Status: 'HEALTHY' }));
    await sd.send(new UpdateInstanceCustomHealthStatusCommand({ ServiceId: serviceId, InstanceId: 'i-1', Status: 'UNHEALTHY' }));
    const status = await sd.send(new GetInstancesHealthStatusCommand({ ServiceId: serviceId }));
    expect(status.Status).toEqual({ 'i-1': 'UNHEALTHY', 'i-2': 'HEALTHY' });
    const after = await sd.send(new DiscoverInstancesCommand({ NamespaceName: ns.name, ServiceName: 'web' }));
    expect(after.Instances!.map((i) => i.InstanceId)).toEqual(['i-2']);
    expect(after.InstancesRevision).toBeGreaterThan(rev1);
    const got = await sd.send(new GetInstanceCommand({ ServiceId: serviceId, InstanceId: 'i-1' }));
    expect(got).toMatchObject({
      ResourceOwner: '000000000000',
      Instance: { Id: 'i-1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.5', color: 'blue' } },
    });
    const listed = await sd.send(new ListInstancesCommand({ ServiceId: serviceId }));
    expect(listed.Instances!.map((i) => i.Id)).toEqual(['i-1', 'i-2']);
    expect((await sd.send(new GetServiceCommand({ Id: serviceId }))).Service!.InstanceCount).toBe(2);
    const inUse = await failure(sd.send(new DeleteServiceCommand({ Id: serviceId })));
    expect(inUse.name).toBe('ResourceInUse');
    const dereg = await sd.send(new DeregisterInstanceCommand({ ServiceId: serviceId, InstanceId: 'i-1' }));
    expect((await completed(dereg.OperationId!)).Type).toBe('DEREGISTER_INSTANCE');
    expect((await failure(sd.send(new GetInstanceCommand({ ServiceId: serviceId, InstanceId: 'i-1' })))).name).toBe('InstanceNotFound');
    expect((await failure(sd.send(new DeregisterInstanceCommand({ ServiceId: serviceId, InstanceId: 'i-1' })))).name).toBe(
      'InstanceNotFound',
    );
  });

  it('refuses an A-record instance without AWS_INSTANCE_IPV4, and custom health on a service without it', async () => {
    const { serviceId } = await dnsService(false);
    const noIp = await failure(sd.send(new RegisterInstanceCommand({ ServiceId: serviceId, InstanceId: 'i', Attributes: { x: 'y' } })));
    expect(noIp.name).toBe('InvalidInput');
    await sd.send(new RegisterInstanceCommand({ ServiceId: serviceId, InstanceId: 'i', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.9' } }));
    const custom = await failure(
      sd.send(new UpdateInstanceCustomHealthStatusCommand({ ServiceId: serviceId, InstanceId: 'i', Status: 'HEALTHY' })),
    );
    expect(custom.name).toBe('CustomHealthNotFound');
    expect((await sd.send(new GetInstancesHealthStatusCommand({ ServiceId: serviceId }))).Status).toEqual({ i: 'UNKNOWN' });
    const missingService = await failure(
      sd.send(new RegisterInstanceCommand({ ServiceId: 'srv-none', InstanceId: 'i', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.9' } })),
    );
    expect(missingService.name).toBe('ServiceNotFound');
    const nsMissing = await failure(sd.send(new DiscoverInstancesCommand({ NamespaceName: 'no.such', ServiceName: 'web' })));
    expect(nsMissing.name).toBe('NamespaceNotFound');
    expect((await failure(sd.send(new GetOperationCommand({ OperationId: 'nope' })))).name).toBe('OperationNotFound');
  });
});
