// Elastic network interfaces that ECS creates for Fargate tasks, as EC2 describes them. The values of the
// AWS-owned fields follow a real Fargate ENI seen through DescribeNetworkInterfaces (eu-west-2, 2024):
// RequesterId and Attachment.InstanceOwnerId are AWS's own account ids, DeviceIndex 1, DeleteOnTermination false.

/** The account ECS creates Fargate ENIs from (RequesterId), and the one that owns the attachment. */
export const FARGATE_REQUESTER_ID = '716531411939';
export const FARGATE_INSTANCE_OWNER_ID = '786829106431';

export interface NetworkInterfaceRecord {
  networkInterfaceId: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  /** The account that owns the ENI (the task's). */
  ownerId: string;
  macAddress: string;
  privateIpAddress: string;
  privateDnsName: string;
  /** Emulated public IP when assignPublicIp is ENABLED (from documentation ranges: never routable). */
  publicIp?: string;
  groups: string[];
  /**
   * The DSCP value the task's packets carry inside its VPC: one per distinct set of security groups in the VPC (1-63),
   * so a peer's source-group rule can match the set instead of every member's address (see firewall-policy.ts).
   * Absent when the VPC ran out of values: peers then match this ENI by its address.
   */
  groupSetMark?: number;
  status: 'in-use' | 'available';
  interfaceType: 'interface';
  /** `arn:aws:ecs:<region>:<account>:attachment/<ECS attachment id>`. */
  description: string;
  requesterId: string;
  requesterManaged: boolean;
  /** The ECS attachment id (DescribeTasks' attachments[].id). */
  attachmentId: string;
  /** EC2's attachment id, `eni-attach-…`. */
  ec2AttachmentId: string;
  taskArn: string;
  createdAt: number;
}

/** A locally administered unicast MAC in AWS's style (first octet 0x0e, 0x12, 0x16…), from random bytes. */
export function macAddressFrom(bytes: Uint8Array): string {
  const octets = [0x0e, ...Array.from(bytes.slice(0, 5))];
  return octets.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
