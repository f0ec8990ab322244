#!/usr/bin/env bash
# Cluster check: two Keycloak 26.7.3 nodes with the pack (embedded Infinispan, JGroups on 127.0.0.1 only,
# discovery through the shared PostgreSQL database) prove that a revocation on one node is honoured by the
# other node's validation cache at once. Both nodes share one public hostname (node A's), as behind a load
# balancer, so an access token issued by one is valid at the other. Needs PostgreSQL on 127.0.0.1:5432 (trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."

source benchmarks/keycloak.sh
prepare_keycloak
fresh_postgres_database keycloak_iot_cluster

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null || true' EXIT
start_node() { # name http-port management-port jgroups-port
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin "$home/bin/kc.sh" start --optimized \
    --db-url=jdbc:postgresql://127.0.0.1:5432/keycloak_iot_cluster --db-username=keycloak_iot --db-password=keycloak_iot \
    --http-enabled=true --http-port="$2" --http-management-port="$3" --import-realm \
    --hostname=http://localhost:18080 \
    --cache=ispn --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$4" \
    > "benchmarks/target/cluster-$1.log" 2>&1 &
  pids+=($!)
}
# The first node creates the schema and imports the realm before the second one joins.
start_node a 18080 19000 7800
wait_ready 19000 benchmarks/target/cluster-a.log
start_node b 18081 19001 7801
wait_ready 19001 benchmarks/target/cluster-b.log
for _ in $(seq 1 120); do
  grep -q "ISPN000094.*(2)" benchmarks/target/cluster-a.log && break
  sleep 1
done
grep "ISPN000094" benchmarks/target/cluster-a.log | tail -1

run_java io.keycloakiot.benchmark.ClusterCheck http://localhost:18080 http://localhost:18081
