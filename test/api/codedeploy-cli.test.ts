// CodeDeploy through the real AWS CLI (`aws deploy`): its own serializer and error handling.
import { describe, expect, it } from 'vitest';
import { useEmulatorWithCli } from '../support/aws-cli.js';
import { uniqueName } from '../support/emulator.js';

const suite = useEmulatorWithCli();

/** `aws deploy ...`, which must succeed; its parsed output. */
const deploy = (...args: string[]) => suite.ok('deploy', ...args);

describe('AWS CLI: deploy', () => {
  it('creates and reads an ECS application and a custom linear configuration', async () => {
    const app = uniqueName('cli-app');
    const { applicationId } = await deploy('create-application', '--application-name', app, '--compute-platform', 'ECS');
    expect(applicationId).toBeTruthy();
    const got = await deploy('get-application', '--application-name', app);
    expect(got.application).toMatchObject({ applicationName: app, computePlatform: 'ECS' });
    expect(typeof got.application.createTime).toBe('string');
    expect((await deploy('list-applications')).applications).toContain(app);

    const config = uniqueName('Linear25');
    await deploy(
      'create-deployment-config',
      '--deployment-config-name',
      config,
      '--compute-platform',
      'ECS',
      '--traffic-routing-config',
      'type=TimeBasedLinear,timeBasedLinear={linearPercentage=25,linearInterval=1}',
    );
    const info = (await deploy('get-deployment-config', '--deployment-config-name', config)).deploymentConfigInfo;
    expect(info.trafficRoutingConfig).toEqual({ type: 'TimeBasedLinear', timeBasedLinear: { linearPercentage: 25, linearInterval: 1 } });
    expect((await deploy('list-deployment-configs')).deploymentConfigsList).toEqual(
      expect.arrayContaining(['CodeDeployDefault.ECSAllAtOnce', 'CodeDeployDefault.ECSCanary10Percent5Minutes', config]),
    );
    await deploy('delete-application', '--application-name', app);
  });

  it('prints CodeDeploy errors with their codes', async () => {
    const missing = await suite.aws.run(['deploy', 'get-application', '--application-name', 'no-such-app']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('(ApplicationDoesNotExistException)');
    expect(missing.stderr).toContain('No application found for name: no-such-app');
    const app = uniqueName('cli-errs');
    await deploy('create-application', '--application-name', app, '--compute-platform', 'ECS');
    const group = await suite.aws.run(['deploy', 'get-deployment-group', '--application-name', app, '--deployment-group-name', 'nope']);
    expect(group.stderr).toContain('(DeploymentGroupDoesNotExistException)');
    const dup = await suite.aws.run(['deploy', 'create-application', '--application-name', app, '--compute-platform', 'ECS']);
    expect(dup.stderr).toContain('(ApplicationAlreadyExistsException)');
    const deployment = await suite.aws.run(['deploy', 'get-deployment', '--deployment-id', 'd-ABCDEFGHI']);
    expect(deployment.stderr).toContain('(DeploymentDoesNotExistException)');
  });
});
