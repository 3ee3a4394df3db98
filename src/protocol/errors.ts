// The only place that turns errors into AWS JSON 1.1 error responses.
import { EcsError } from '../domain/errors.js';

export interface WireError {
  status: number;
  code: string;
  /** `message` is left out when there is none, as AWS does for SerializationException and UnknownOperationException. */
  body: { __type: string; message?: string; [member: string]: string | undefined };
}

/** Maps any thrown value to the wire; `unexpected` is true when it was not an ECS error (a bug: log it). */
export function toWireError(err: unknown): WireError & { unexpected: boolean } {
  if (err instanceof EcsError) {
    const body = err.message ? { __type: err.code, message: err.message } : { __type: err.code };
    return { status: err.status, code: err.code, body, unexpected: false };
  }
  return {
    status: 500,
    code: 'ServerException',
    body: { __type: 'ServerException', message: 'Service Unavailable. Please try again later.' },
    unexpected: true,
  };
}

export const serializationException = (message: string) => new EcsError('SerializationException', message);
export const unknownOperation = () => new EcsError('UnknownOperationException', '');
