// Credentials for an IAM role, as the platform hands them to a task (task role) or uses them itself (execution role).

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Always set on ECS; '' when the source has none (the host's long-term keys). */
  sessionToken: string;
  /** Epoch ms. */
  expiration: number;
}

export interface RoleCredentialsRequest {
  roleArn: string;
  /** The task id, as ECS names its role sessions. */
  sessionName: string;
  /** The task's region (STS is called there unless an endpoint is configured). */
  region: string;
  durationSeconds: number;
}

/** Where credentials come from: static fake keys, the host's own, or STS AssumeRole. */
export interface CredentialsProvider {
  issue(request: RoleCredentialsRequest): Promise<RoleCredentials>;
}

/** The role could not be assumed (STS refused, or could not be reached). */
export class CredentialsIssueError extends Error {}
