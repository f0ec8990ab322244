#!/usr/bin/env bash
# Benchmark: the real Keycloak 26.7.3 with the pack, on PostgreSQL, in production mode on :18080/:19000;
# seeds devices and tokens, then measures the pack next to stock Keycloak in the same run (see docs/benchmarks.md).
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth, as on the project's machines). Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

source benchmarks/keycloak.sh
port=${BENCH_PORT:-18080}
management=${BENCH_MANAGEMENT_PORT:-19000}

prepare_keycloak
fresh_postgres_database keycloak_iot_bench
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin "$home/bin/kc.sh" start --optimized \
  --db-url=jdbc:postgresql://127.0.0.1:5432/keycloak_iot_bench --db-username=keycloak_iot --db-password=keycloak_iot \
  --http-enabled=true --http-port="$port" --http-management-port="$management" \
  --hostname-strict=false --import-realm --log-level=warn > benchmarks/target/keycloak.log 2>&1 &
kc_pid=$!
trap 'kill $kc_pid 2>/dev/null; wait $kc_pid 2>/dev/null || true' EXIT
wait_ready "$management" benchmarks/target/keycloak.log

BENCH_BASE_URL="http://localhost:$port" run_java io.keycloakiot.benchmark.Benchmark
