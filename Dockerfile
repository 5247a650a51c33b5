# One image for every service; the command chooses which:
#   docker build -t fengqiao .
#   docker run fengqiao dist/subgraphs/serve.js stations     (any subgraph by its name)
#   docker run fengqiao dist/gateway/src/main.js             (the gateway, the default)
# docker-compose.yml runs the whole platform from it. Node 22 LTS: Node 20 is past its end of life.

# Compiles the TypeScript with every dependency, dev ones included.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# What runs: production dependencies only, installed without the dev ones at all.
FROM node:22-bookworm-slim AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# tests/e2e/production-install.test.ts copies what these lines name into a folder, installs
# production dependencies there and starts services from it: keep each COPY one path.
COPY --from=production-dependencies /app/node_modules node_modules
COPY --from=build /app/package.json package.json
COPY --from=build /app/dist dist
COPY --from=build /app/schema schema
COPY --from=build /app/gateway/graphiql gateway/graphiql
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
ENTRYPOINT ["node"]
CMD ["dist/gateway/src/main.js"]
