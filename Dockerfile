# The timeclock command in a container: a fleet of simulated clocks (`timeclock fleet`) or the reference
# cloud (`timeclock cloud`) on Kubernetes, see docs/fleet-on-kubernetes.md. Build with
#   docker build -t timeclock-sim .
# The runtime stage holds what the npm package holds (package.json "files"), production dependencies
# only, and the scenario and fleet profiles of scripts/.

# --- build: every dependency (tsc is a devDependency), dist/, then the devDependencies pruned ---
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts yet: `prepare` would compile sources that are not copied yet. Dependencies change less often
# than sources, so this layer is reused across source changes.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY firmware/ firmware/
COPY src/ src/
COPY devices/ devices/
# The install scripts package.json's allowScripts names: better-sqlite3 (a prebuilt binary, else node-gyp
# with this image's compilers), esbuild's binary, the serial port bindings. Built on bookworm, as the
# runtime stage is, so the native modules match its glibc.
RUN npm rebuild better-sqlite3 esbuild @serialport/bindings-cpp \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules/ node_modules/
COPY --from=build /app/dist/ dist/
# package.json: the command reads its version there, and finds devices/ beside it.
COPY package.json ./
COPY bin/ bin/
COPY devices/ devices/
COPY src/scenario/scenario.schema.json src/scenario/
COPY src/fleet/profile.schema.json src/fleet/
# Scenario suites and fleet profiles (.dockerignore leaves out the TypeScript tools of scripts/).
COPY scripts/ scripts/
# The node image's unprivileged user, by number: Kubernetes' runAsNonRoot can only verify a numeric user.
USER 1000:1000
ENTRYPOINT ["node", "bin/timeclock.js"]
CMD ["--help"]
