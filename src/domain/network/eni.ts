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

/**
 * The MAC of an ENI: locally administered unicast in AWS's style (first octet 0x0e), then one octet of the VPC and the
 * four octets of the address. An address handed out again gets the MAC it had, so the ARP caches of the host and of
 * the VPC's other tasks stay right; a new MAC on a reused address left them sending to the old one for up to a
 * minute (Linux keeps a neighbour REACHABLE 15 to 45 s after its last confirmation).
 */
export function macAddressOf(vpcId: string, ip: string): string {
  let vpcOctet = 0;
  for (const ch of vpcId) vpcOctet = (vpcOctet * 31 + ch.charCodeAt(0)) & 0xff;
  const octets = [0x0e, vpcOctet, ...ip.split('.').map(Number)];
  return octets.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
