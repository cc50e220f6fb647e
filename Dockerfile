# Production image of the SRE control plane (Next.js standalone server + migrations + CLI).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run db:generate && NEXT_OUTPUT=standalone NEXT_TELEMETRY_DISABLED=1 npx next build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 NEXT_TELEMETRY_DISABLED=1
COPY --from=build /app /app
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/api/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Applies pending migrations (DATABASE_URL) and serves on :3000, under the V8 heap limits of its SRECP_ROLE
# (scripts/lib/heap.mjs: 256 MiB old space, 4 MiB semi-space); NODE_OPTIONS overrides them.
CMD ["node", "scripts/app.mjs"]

# `docker compose --profile demo`: the same image plus promtool, to write the demo's month of traffic as
# TSDB blocks into the Prometheus volume (mounted at /demo/prometheus/data), as the Prometheus image's
# user (nobody) so that Prometheus may compact and delete those blocks later.
FROM runtime AS demo
COPY --from=prom/prometheus:v2.53.0 /bin/promtool /usr/local/bin/promtool
ENV PROMTOOL_BIN=/usr/local/bin/promtool
RUN mkdir -p /demo/prometheus/data && chown -R 65534:65534 /demo
USER 65534:65534

# The default target (`docker build .`, the compose app service) stays the runtime image.
FROM runtime
