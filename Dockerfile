# One image for every service; the command chooses which:
#   docker build -t fengqiao .
#   docker run fengqiao dist/subgraphs/serve.js stations     (any subgraph by its name)
#   docker run fengqiao dist/gateway/src/main.js             (the gateway, the default)
# docker-compose.yml runs the whole platform from it.

# The Node that CI tests on (.nvmrc), on Debian 13's slim image; tests/unit/runtime-versions.test.ts
# keeps the two in step.
ARG NODE_IMAGE=node:22.23.5-trixie-slim

# Compiles the TypeScript with every dependency, dev ones included.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# What runs: production dependencies only, installed without the dev ones at all.
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
# tests/e2e/production-install.test.ts copies what these lines name into a folder, installs
# production dependencies there and starts services from it: keep each COPY one path.
COPY --from=production-dependencies /app/node_modules node_modules
COPY --from=build /app/package.json package.json
COPY --from=build /app/dist dist
COPY --from=build /app/schema schema
# The registry of departments: what the assessment's board and enum are built from.
COPY --from=build /app/departments.json departments.json
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
ENTRYPOINT ["node"]
CMD ["dist/gateway/src/main.js"]
