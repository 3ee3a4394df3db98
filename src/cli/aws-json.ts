// The CLI's way into a running emulator's AWS APIs (ECS, CloudWatch Logs): AWS JSON 1.1 over fetch, with an
// Authorization header that carries only what the emulator reads from it (the account and region of the request).
export interface ApiScope {
  accountId?: string;
  region?: string;
}

export class AwsApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message ? `${code}: ${message}` : code);
    this.name = code;
  }
}

export type AwsJsonCall = (target: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

export function awsJsonClient(endpoint: string, scope: ApiScope = {}): AwsJsonCall {
  const base = endpoint.replace(/\/+$/, '');
  return async (target, body) => {
    const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const key = scope.accountId ?? 'AKIDFARGATELOCAL';
    const region = scope.region ?? 'us-east-1';
    const res = await fetch(`${base}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': target,
        authorization: `AWS4-HMAC-SHA256 Credential=${key}/${date}/${region}/ecs/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!res.ok) throw new AwsApiError(String(parsed.__type ?? `HTTP ${res.status}`), String(parsed.message ?? ''));
    return parsed;
  };
}

export const ecsCall = (call: AwsJsonCall, op: string, body: Record<string, unknown>) =>
  call(`AmazonEC2ContainerServiceV20141113.${op}`, body);
export const logsCall = (call: AwsJsonCall, op: string, body: Record<string, unknown>) => call(`Logs_20140328.${op}`, body);
