// Input validation driven by the ECS API model. (Placeholder: checks the top-level shape only.)
import { serializationException } from './errors.js';

export function validateInput(_operation: string, input: unknown): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw serializationException('Start of structure or map found where not expected.');
  }
}
