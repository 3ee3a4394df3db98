// ECS gateways through the SDK: created, described, listed, updated, associated with clusters and deleted with
// AWS's shapes (with no service connected: no route and no resources; see gateway-routes.test.ts).
import {
  AssociateGatewayWithClusterCommand,
  CreateClusterCommand,
  CreateGatewayCommand,
  DeleteGatewayCommand,
  DescribeGatewayCommand,
  DescribeGatewayResourcesCommand,
  DescribeGatewayRouteCommand,
  DisassociateGatewayFromClusterCommand,
  ListGatewayClusterAssociationsCommand,
  ListGatewayRoutesCommand,
  ListGatewaysCommand,
  UpdateGatewayCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const infrastructureRoleArn = 'arn:aws:iam::000000000000:role/ecsGatewayInfrastructureRole';

describe('gateways', () => {
  it('creates a gateway with AWS defaults, updates it, associates clusters and deletes it', async () => {
    const name = uniqueName('gw');
    const arn = `arn:aws:ecs:us-east-1:000000000000:gateway/${name}`;
    const created = await emu.ecs.send(
      new CreateGatewayCommand({ name, infrastructureRoleArn, configuration: { hostSharedAlb: {} }, tags: [{ key: 'k', value: 'v' }] }),
    );
    expect(created).toMatchObject({ gatewayArn: arn, name, status: 'ACTIVE' });
    const { gateway } = await emu.ecs.send(new DescribeGatewayCommand({ gateway: name }));
    expect(gateway).toMatchObject({
      gatewayArn: arn,
      infrastructureRoleArn,
      deletionProtection: true,
      accessType: 'PUBLIC',
      propagateTags: 'GATEWAY',
      configuration: { hostSharedAlb: { scheme: 'internet-facing', protocol: 'HTTPS', port: 443, maxAlbCount: 10, currentAlbCount: 0 } },
      tags: [{ key: 'k', value: 'v' }],
    });
    expect((await emu.ecs.send(new ListGatewaysCommand({ names: [name] }))).gateways).toEqual([
      { gatewayArn: arn, name, status: 'ACTIVE', createdAt: expect.any(Date) },
    ]);

    const updated = await emu.ecs.send(
      new UpdateGatewayCommand({ gateway: arn, deletionProtection: true, configuration: { hostSharedAlb: { maxAlbCount: 2 } } }),
    );
    expect(updated.status).toBe('UPDATE_COMPLETE');
    const after = (await emu.ecs.send(new DescribeGatewayCommand({ gateway: arn }))).gateway!;
    expect(after.configuration).toMatchObject({ hostSharedAlb: { maxAlbCount: 2, port: 443 } });

    const cluster = uniqueName('gw-cluster');
    await emu.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    const clusterArn = `arn:aws:ecs:us-east-1:000000000000:cluster/${cluster}`;
    expect(await emu.ecs.send(new AssociateGatewayWithClusterCommand({ gateway: name, cluster }))).toMatchObject({
      gatewayArn: arn,
      clusterArn,
      status: 'ACTIVE',
    });
    expect((await emu.ecs.send(new ListGatewayClusterAssociationsCommand({ cluster }))).gatewayClusterAssociations).toEqual([
      { gatewayArn: arn, clusterArn, status: 'ACTIVE' },
    ]);
    const resources = await emu.ecs.send(new DescribeGatewayResourcesCommand({ gateway: name }));
    expect(resources.gatewayResources).toMatchObject({ gatewayArn: arn, resources: { hostSharedAlb: [] } });
    expect((await emu.ecs.send(new ListGatewayRoutesCommand({ gateway: name, cluster }))).gatewayRoutes).toEqual([]);

    await expectEcsError(emu.ecs.send(new DeleteGatewayCommand({ gateway: name })), 'InvalidParameterException', /deletion protection/);
    await emu.ecs.send(new UpdateGatewayCommand({ gateway: name, deletionProtection: false }));
    await expectEcsError(emu.ecs.send(new DeleteGatewayCommand({ gateway: name })), 'InvalidParameterException', /associated/);
    const dis = await emu.ecs.send(new DisassociateGatewayFromClusterCommand({ gateway: name, cluster }));
    expect(dis.status).toBe('DISASSOCIATING');
    expect(
      (await emu.ecs.send(new ListGatewayClusterAssociationsCommand({ gateway: name, status: ['ACTIVE'] }))).gatewayClusterAssociations,
    ).toEqual([]);
    expect((await emu.ecs.send(new DeleteGatewayCommand({ gateway: name }))).status).toBe('DELETED');
    await expectEcsError(emu.ecs.send(new DescribeGatewayCommand({ gateway: name })), 'ResourceNotFoundException');
  });

  it('answers AWS errors for duplicates, unknown gateways, clusters and routes', async () => {
    const name = uniqueName('gw');
    await emu.ecs.send(new CreateGatewayCommand({ name, infrastructureRoleArn, configuration: { hostSharedAlb: { scheme: 'internal' } } }));
    expect((await emu.ecs.send(new DescribeGatewayCommand({ gateway: name }))).gateway?.accessType).toBe('PRIVATE');
    await expectEcsError(
      emu.ecs.send(new CreateGatewayCommand({ name, infrastructureRoleArn, configuration: { hostSharedAlb: {} } })),
      'InvalidParameterException',
    );
    await expectEcsError(
      emu.ecs.send(new CreateGatewayCommand({ name: 'bad name', infrastructureRoleArn, configuration: { hostSharedAlb: {} } })),
      'InvalidParameterException',
    );
    await expectEcsError(emu.ecs.send(new UpdateGatewayCommand({ gateway: uniqueName('none') })), 'ResourceNotFoundException');
    await expectEcsError(
      emu.ecs.send(new AssociateGatewayWithClusterCommand({ gateway: name, cluster: uniqueName('none') })),
      'ClusterNotFoundException',
    );
    const lonely = uniqueName('not-associated');
    await emu.ecs.send(new CreateClusterCommand({ clusterName: lonely }));
    await expectEcsError(
      emu.ecs.send(new DisassociateGatewayFromClusterCommand({ gateway: name, cluster: lonely })),
      'ResourceNotFoundException',
    );
    await expectEcsError(
      emu.ecs.send(new DescribeGatewayRouteCommand({ gatewayRouteArn: 'arn:aws:ecs:us-east-1:000000000000:gateway-route/x/y' })),
      'ResourceNotFoundException',
    );
  });
});
