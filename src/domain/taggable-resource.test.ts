import { describe, expect, it } from 'vitest';
import { INVALID_ARN, LONG_ARN_REQUIRED, parseTaggableArn } from './taggable-resource.js';

const scope = { accountId: '111122223333', region: 'us-east-1' };
const P = 'arn:aws:ecs:us-east-1:111122223333';

describe('parseTaggableArn', () => {
  it.each([
    [`${P}:cluster/c`, { kind: 'cluster', id: 'c' }],
    [`${P}:task-definition/web:12`, { kind: 'task-definition', id: 'web:12' }],
    [`${P}:task/c/0123456789abcdef0123456789abcdef`, { kind: 'task', clusterName: 'c', id: '0123456789abcdef0123456789abcdef' }],
    [`${P}:service/c/web`, { kind: 'service', clusterName: 'c', id: 'web' }],
    [`${P}:capacity-provider/cp`, { kind: 'capacity-provider', id: 'cp' }],
    [`${P}:container-instance/c/abc`, { kind: 'container-instance', clusterName: 'c', id: 'abc' }],
    [`${P}:task-set/c/web/ecs-svc/123`, { kind: 'task-set', clusterName: 'c', id: 'web/ecs-svc/123' }],
  ])('reads %s', (arn, expected) => {
    expect(parseTaggableArn(arn, scope)).toEqual({ ...expected, arn, inScope: true });
  });

  it('marks ARNs of another account or region as out of scope', () => {
    expect(parseTaggableArn('arn:aws:ecs:us-west-2:111122223333:cluster/c', scope).inScope).toBe(false);
    expect(parseTaggableArn('arn:aws:ecs:us-east-1:999988887777:cluster/c', scope).inScope).toBe(false);
  });

  it.each([`${P}:service/web`, `${P}:task/0123`, `${P}:container-instance/abc`])('asks for the long format: %s', (arn) => {
    expect(() => parseTaggableArn(arn, scope)).toThrow(LONG_ARN_REQUIRED);
  });

  it.each([
    'cluster/c',
    'arn:aws:ecr:us-east-1:111122223333:repository/r',
    `${P}:attribute/x`,
    `${P}:task-definition/web`,
    `${P}:cluster/a/b`,
    `${P}:service/c/web/extra`,
    `${P}:cluster/`,
  ])('refuses %s', (arn) => {
    expect(() => parseTaggableArn(arn, scope)).toThrow(INVALID_ARN);
  });
});
