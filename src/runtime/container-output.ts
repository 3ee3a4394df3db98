// Following a container's output through the Docker API (`docker logs --follow --timestamps`): the engine's own
// log driver keeps the lines (so `docker logs` keeps working) and stamps each with the time it was written; the
// stream ends once the container has exited and every line has been delivered.
import type Dockerode from 'dockerode';
import type { OutputFollower, OutputLine } from '../domain/task-runtime.js';
import type { Logger } from '../logger.js';
import { OutputFrameParser } from './output-frames.js';

export function followContainerOutput(
  docker: Dockerode,
  dockerId: string,
  sinceMs: number | undefined,
  onLine: (line: OutputLine) => void,
  logger: Logger,
): OutputFollower {
  let stream: NodeJS.ReadableStream | null = null;
  let stopped = false;
  const parser = new OutputFrameParser(onLine);
  const done = (async () => {
    try {
      const options = {
        follow: true as const,
        stdout: true,
        stderr: true,
        timestamps: true,
        ...(sinceMs !== undefined ? { since: Math.floor(sinceMs / 1000) } : {}),
      };
      stream = (await docker.getContainer(dockerId).logs(options)) as NodeJS.ReadableStream;
      if (stopped) {
        (stream as unknown as { destroy?: () => void }).destroy?.();
        return;
      }
      await new Promise<void>((resolve) => {
        stream!.on('data', (chunk: Buffer) => parser.push(chunk));
        stream!.on('end', resolve);
        stream!.on('close', resolve);
        stream!.on('error', (err) => {
          logger.debug({ err, dockerId }, 'container output stream failed');
          resolve();
        });
      });
      parser.end();
    } catch (err) {
      logger.debug({ err, dockerId }, 'cannot follow container output');
    }
  })();
  return {
    done,
    stop() {
      stopped = true;
      (stream as unknown as { destroy?: () => void } | null)?.destroy?.();
    },
  };
}
