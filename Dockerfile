# fargate-local as a container. Build:  docker build -t fargate-local .   (or: docker compose up --build)
#
# NODE_IMAGE names the base image, the current Node LTS (26, Active LTS since October 2026). The build never
# pulls anything else, so it also works with no image
# registry reachable as long as that image is present locally (see scripts/build-local-base-image.sh).
# `npm ci` does need the npm registry.
#
# The container runs as root: it drives the host's Docker engine through /var/run/docker.sock, which is owned
# by root (group `docker`, whose id differs from host to host). Anything that can use that socket is root on
# the host anyway, so a non-root user inside would protect nothing. Publish the API on 127.0.0.1 only.
ARG NODE_IMAGE=node:26-trixie-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4599 \
    FARGATE_LOCAL_DATA_DIR=/data
COPY package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY ui ./ui
RUN mkdir -p /data
EXPOSE 4599
ENTRYPOINT ["node", "dist/cli/main.js"]
