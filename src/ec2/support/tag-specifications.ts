// TagSpecifications on EC2 create calls: `TagSpecification.N.ResourceType` and `TagSpecification.N.Tag.M.Key/Value`.
// Only specifications for the resource type being created are allowed; `aws:` keys are EC2's own.
import { Ec2Error, invalidParameterValue } from '../../domain/network/ec2-errors.js';
import type { Tag } from '../../domain/tags.js';
import { str, structList, type QueryParams } from './query-params.js';

const MAX_TAGS = 50;

export function tagsFromSpecifications(params: QueryParams, resourceType: string): Tag[] {
  const tags: Tag[] = [];
  for (const spec of structList(params, 'TagSpecification')) {
    const type = str(spec, 'ResourceType') ?? '';
    if (type !== resourceType) throw invalidParameterValue(`'${type}' is not a valid taggable resource type for this operation.`);
    for (const t of structList(spec, 'Tag')) {
      const key = str(t, 'Key') ?? '';
      if (key === '') throw invalidParameterValue('Tag key cannot be empty');
      if (key.toLowerCase().startsWith('aws:')) throw invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
      const value = str(t, 'Value') ?? '';
      const existing = tags.find((x) => x.key === key);
      if (existing) existing.value = value;
      else tags.push({ key, value });
    }
  }
  if (tags.length > MAX_TAGS) throw new Ec2Error('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  return tags;
}
