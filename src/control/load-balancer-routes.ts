// The control API's view of the load balancers' data plane:
//   GET /_fargate-local/load-balancers   {listeners: [{loadBalancerName, dnsName, port, hostPort, address, url, …}]}
// `hostPort` differs from `port` where the listener's own port was taken or privileged.
import express from 'express';
import type { LoadBalancing } from '../proxy/load-balancing.js';

export const LOAD_BALANCERS_PATH = '/load-balancers';

export function loadBalancerRouter(loadBalancing: LoadBalancing): express.Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.json({ listeners: loadBalancing.listeners() });
  });
  return router;
}
