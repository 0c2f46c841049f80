# One image per service: docker build --build-arg APP=identity -t platform-identity .
# Built with tsc (decorator metadata intact), run with the production dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json ./
COPY libs ./libs
COPY apps ./apps
COPY bench ./bench
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ARG APP
ENV NODE_ENV=production APP=${APP}
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
# Exec form through sh so the APP variable is expanded; `exec` hands PID 1 to node, which
# receives SIGTERM and shuts down gracefully.
CMD ["sh", "-c", "exec node dist/apps/${APP}/src/main.js"]
