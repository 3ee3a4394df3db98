// Builds the Docker client for the composition root. Without an explicit socket, dockerode (docker-modem) reads
// DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH itself, and falls back to /var/run/docker.sock.
import Dockerode from 'dockerode';
import type { Config } from '../config.js';

export function createDockerClient(config: Pick<Config, 'dockerSocket'>): Dockerode {
  return config.dockerSocket ? new Dockerode({ socketPath: config.dockerSocket }) : new Dockerode();
}
