# syntax=docker/dockerfile:1
# Both stages use the official Node 24 LTS image (package.json engines: >=24; .nvmrc).
# NODE_IMAGE is meant to be pinned by digest: the official node:24-bookworm-slim digest could not be
# looked up from where this file was last edited (no access to the image registry), so the tag is
# pinned here without one. To pin it, run
#   docker buildx imagetools inspect node:24-bookworm-slim
# and replace the default below with node:24-bookworm-slim@sha256:<the "Digest:" it prints> (the
# multi-platform index digest), or pass --build-arg NODE_IMAGE=node:24-bookworm-slim@sha256:<digest>.
# Dependabot's or Renovate's docker updater keeps a pinned digest current.
ARG NODE_IMAGE=node:24-bookworm-slim

# Build stage: install all dependencies and compile TypeScript to dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime stage: production dependencies, compiled code and content only; runs as a non-root user.
FROM ${NODE_IMAGE} AS runtime
# UV_THREADPOOL_SIZE: document uploads write files through libuv's thread pool, whose default of
# 4 threads makes concurrent uploads wait for each other. --max-semi-space-size: a larger young
# generation halves the garbage collections under load (see docs/performance.md).
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/data \
    UV_THREADPOOL_SIZE=16 \
    NODE_OPTIONS=--max-semi-space-size=32
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY locales ./locales
COPY src/content ./src/content
COPY src/http/public ./src/http/public
# The language understanding is trained once here (about 4 s); every start loads the cached model.
ENV NLU_CACHE_DIR=/app/nlu-cache
RUN node dist/cli.js nlu --json < /dev/null && ls /app/nlu-cache/*.model
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/cli.js", "serve"]
