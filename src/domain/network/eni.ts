// Elastic network interfaces that ECS creates for Fargate tasks.
export interface NetworkInterfaceRecord {
  networkInterfaceId: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  macAddress: string;
  privateIpAddress: string;
  privateDnsName: string;
  /** Emulated public IP when assignPublicIp is ENABLED on a public subnet. */
  publicIp?: string;
  groups: string[];
  status: 'in-use' | 'available';
  interfaceType: 'interface';
  description: string;
  requesterId: string;
  requesterManaged: boolean;
  attachmentId: string;
  taskArn: string;
  createdAt: number;
}

/** A locally administered unicast MAC in AWS's style (first octet 0x0e, 0x12, 0x16…), from random bytes. */
export function macAddressFrom(bytes: Uint8Array): string {
  const octets = [0x0e, ...Array.from(bytes.slice(0, 5))];
  return octets.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
