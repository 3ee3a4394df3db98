// AWS's defaults for application load balancers and their target groups: the attributes DescribeLoadBalancerAttributes
// and DescribeTargetGroupAttributes list for a new resource, the health check of a new HTTP target group, and the
// load balancer's DNS name (here under `.elb.localhost`, which resolves to the loopback address where the
// emulator serves the listeners).
import type { HealthCheckSettings, LoadBalancerScheme } from './records.js';

export const LOAD_BALANCER_ATTRIBUTE_DEFAULTS: Readonly<Record<string, string>> = {
  'access_logs.s3.enabled': 'false',
  'access_logs.s3.bucket': '',
  'access_logs.s3.prefix': '',
  'client_keep_alive.seconds': '3600',
  'connection_logs.s3.enabled': 'false',
  'connection_logs.s3.bucket': '',
  'connection_logs.s3.prefix': '',
  'deletion_protection.enabled': 'false',
  'health_check_logs.s3.enabled': 'false',
  'health_check_logs.s3.bucket': '',
  'health_check_logs.s3.prefix': '',
  'idle_timeout.timeout_seconds': '60',
  'ipv6.deny_all_igw_traffic': 'false',
  'load_balancing.cross_zone.enabled': 'true',
  'routing.http.desync_mitigation_mode': 'defensive',
  'routing.http.drop_invalid_header_fields.enabled': 'false',
  'routing.http.preserve_host_header.enabled': 'false',
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': 'false',
  'routing.http.xff_client_port.enabled': 'false',
  'routing.http.xff_header_processing.mode': 'append',
  'routing.http2.enabled': 'true',
  'waf.fail_open.enabled': 'false',
  'zonal_shift.config.enabled': 'false',
};

export const TARGET_GROUP_ATTRIBUTE_DEFAULTS: Readonly<Record<string, string>> = {
  'deregistration_delay.timeout_seconds': '300',
  'load_balancing.algorithm.anomaly_mitigation': 'off',
  'load_balancing.algorithm.type': 'round_robin',
  'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
  'slow_start.duration_seconds': '0',
  'stickiness.app_cookie.cookie_name': '',
  'stickiness.app_cookie.duration_seconds': '86400',
  'stickiness.enabled': 'false',
  'stickiness.lb_cookie.duration_seconds': '86400',
  'stickiness.type': 'lb_cookie',
  'target_group_health.dns_failover.minimum_healthy_targets.count': '1',
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': 'off',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': '1',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': 'off',
};

export const DEFAULT_HEALTH_CHECK: Readonly<HealthCheckSettings> = {
  enabled: true,
  protocol: 'HTTP',
  port: 'traffic-port',
  path: '/',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThresholdCount: 5,
  unhealthyThresholdCount: 2,
  matcher: '200',
};

/** The hosted zone ids AWS gives application load balancers, by region (us-east-1's when the region is not listed). */
const HOSTED_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-east-2': 'Z3AADJGX6KTTL2',
  'us-west-1': 'Z368ELLRRE2KJ0',
  'us-west-2': 'Z1H1FL5HABSF5',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'eu-central-1': 'Z215JYRZR1TBD5',
  'ap-northeast-1': 'Z14GRHDCWA56QT',
  'ap-southeast-1': 'Z1LMS91P8CMLE5',
  'ap-southeast-2': 'Z1GM3OXH4ZPM65',
};

export const canonicalHostedZoneId = (region: string) => HOSTED_ZONES[region] ?? HOSTED_ZONES['us-east-1']!;

/** The suffix of every load balancer's DNS name; `*.localhost` names resolve to the loopback address. */
export const ELB_DNS_SUFFIX = 'elb.localhost';

/** `name-1234567890.us-east-1.elb.localhost` (`internal-` in front for internal ones), as AWS shapes its names. */
export function loadBalancerDnsName(name: string, scheme: LoadBalancerScheme, region: string, digits: string): string {
  return `${scheme === 'internal' ? 'internal-' : ''}${name}-${digits}.${region}.${ELB_DNS_SUFFIX}`.toLowerCase();
}
