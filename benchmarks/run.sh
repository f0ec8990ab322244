#!/usr/bin/env bash
# Benchmark: the real Keycloak 26.7.3 with the pack, on PostgreSQL, in production mode on :18080/:19000;
# seeds devices and tokens, then measures the pack next to stock Keycloak in the same run (see README).
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth, as on the project's machines). Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's:.*<keycloak.dist.version>\(.*\)</keycloak.dist.version>.*:\1:p' pom.xml)
home="benchmarks/target/keycloak-$version"
port=${BENCH_PORT:-18080}

mvn -B -q -pl benchmarks -am package -DskipTests
if [ ! -x "$home/bin/kc.sh" ]; then
  mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -DoutputDirectory=benchmarks/target
  (cd benchmarks/target && jar xf "keycloak-quarkus-dist-$version.zip" && rm "keycloak-quarkus-dist-$version.zip")
  chmod +x "$home"/bin/*.sh
fi
cp providers/target/keycloak-iot-providers-*.jar "$home/providers/keycloak-iot-providers.jar"
mkdir -p "$home/data/import" && cp realm-config/*.json "$home/data/import/"

psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q <<'SQL'
DROP DATABASE IF EXISTS keycloak_iot_bench;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keycloak_iot') THEN
    CREATE ROLE keycloak_iot LOGIN PASSWORD 'keycloak_iot';
  END IF;
END $$;
CREATE DATABASE keycloak_iot_bench OWNER keycloak_iot;
SQL

"$home/bin/kc.sh" build --db=postgres --health-enabled=true >/dev/null
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin "$home/bin/kc.sh" start --optimized \
  --db-url=jdbc:postgresql://127.0.0.1:5432/keycloak_iot_bench --db-username=keycloak_iot --db-password=keycloak_iot \
  --http-enabled=true --http-port="$port" --http-management-port="${BENCH_MANAGEMENT_PORT:-19000}" \
  --hostname-strict=false --import-realm --log-level=warn > benchmarks/target/keycloak.log 2>&1 &
kc_pid=$!
trap 'kill $kc_pid 2>/dev/null; wait $kc_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -sf "http://localhost:${BENCH_MANAGEMENT_PORT:-19000}/health/ready" >/dev/null && break
  kill -0 $kc_pid 2>/dev/null || { cat benchmarks/target/keycloak.log; exit 1; }
  sleep 1
done

BENCH_BASE_URL="http://localhost:$port" java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.keycloakiot.benchmark.Benchmark
