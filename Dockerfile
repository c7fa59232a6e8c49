# syntax=docker/dockerfile:1
# The app image: the server compiled to JavaScript and the web app built, on Node 20, run as the
# unprivileged `node` user. `docker compose up` uses it (see docker-compose.yml and the README,
# "Running in production").

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node web/buildIfStale.mjs --force \
 && npx tsc -p tsconfig.build.json \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
# The compiled server finds the diagrams and the web app beside it, as in the source tree
# (config.ts: ../processes; webApp.ts: ../../web/dist).
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/processes ./dist/processes
COPY --from=build /app/web/dist ./dist/web/dist
# Only the embedded PGlite default writes here; with DATABASE_URL nothing is written in the image.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Ready, not merely alive: the database answers and this version's migrations are applied.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is PID 1's child here only through docker's init (compose: init: true), so SIGTERM
# reaches main.ts's graceful shutdown.
CMD ["node", "dist/src/main.js"]
