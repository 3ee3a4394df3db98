import { describe, expect, it } from 'vitest';
import { applyTags, isAwsTag, removeTags, validateTags } from './tags.js';

const expectCode = (fn: () => unknown, code: string) => expect(fn).toThrow(expect.objectContaining({ code }));

describe('validateTags', () => {
  it('fills a missing value with the empty string', () => {
    expect(validateTags([{ key: 'a' }])).toEqual([{ key: 'a', value: '' }]);
  });

  it('counts characters, not bytes', () => {
    expect(validateTags([{ key: 'é'.repeat(128), value: '日'.repeat(256) }])).toHaveLength(1);
  });

  it.each([
    [{ value: 'v' }],
    [{ key: '', value: 'v' }],
    [{ key: 'k'.repeat(129), value: 'v' }],
    [{ key: 'k', value: 'v'.repeat(257) }],
    [{ key: 'aws:x', value: 'v' }],
    [{ key: 'AWS:x', value: 'v' }],
    [{ key: 'k', value: 'aWs:v' }],
  ])('refuses %j', (tag) => expectCode(() => validateTags([tag]), 'InvalidParameterException'));

  it('accepts keys that merely start with "aws"', () => {
    expect(validateTags([{ key: 'aws-team', value: 'awsome' }])).toHaveLength(1);
  });

  it('refuses duplicate keys and more than 50 tags', () => {
    expectCode(
      () =>
        validateTags([
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ]),
      'InvalidParameterException',
    );
    expectCode(() => validateTags(Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: '' }))), 'InvalidParameterException');
  });
});

describe('applyTags', () => {
  it('replaces values in place and appends new keys', () => {
    expect(
      applyTags(
        [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
        [
          { key: 'b', value: '3' },
          { key: 'c', value: '4' },
        ],
      ),
    ).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '3' },
      { key: 'c', value: '4' },
    ]);
  });

  it('does not change its input', () => {
    const existing = [{ key: 'a', value: '1' }];
    applyTags(existing, [{ key: 'a', value: '2' }]);
    expect(existing).toEqual([{ key: 'a', value: '1' }]);
  });

  it('refuses more than 50 tags in total with LimitExceededException, not counting aws: tags', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expectCode(() => applyTags(fifty, [{ key: 'extra', value: '' }]), 'LimitExceededException');
    const withAws = [...fifty.slice(1), { key: 'aws:ecs:clusterName', value: 'c' }];
    expect(applyTags(withAws, [{ key: 'extra', value: '' }])).toHaveLength(51);
    expect(applyTags(fifty, [{ key: 'k3', value: 'new' }])).toHaveLength(50);
  });
});

describe('removeTags', () => {
  it('removes the given keys and ignores unknown ones', () => {
    expect(
      removeTags(
        [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
        ['a', 'x'],
      ),
    ).toEqual([{ key: 'b', value: '2' }]);
  });

  it('refuses aws: keys', () => {
    expectCode(() => removeTags([{ key: 'aws:ecs:serviceName', value: 's' }], ['aws:ecs:serviceName']), 'InvalidParameterException');
  });
});

it('isAwsTag recognises the reserved prefix in any case', () => {
  expect(isAwsTag({ key: 'Aws:x', value: '' })).toBe(true);
  expect(isAwsTag({ key: 'awsx', value: '' })).toBe(false);
});
