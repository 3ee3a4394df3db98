// The one shape of an error an AWS service answers with: its code (the SDK's exception name, or EC2's dotted code),
// its message, the HTTP status, and any members of the error body besides the message. Each service has its own
// subclass, so that its protocol layer answers its own errors and nothing else.
export class ServiceError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly status: number = 400,
    /** Members of the error body besides the message (Cloud Map's and Application Auto Scaling's ResourceName…). */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = code;
  }
}
