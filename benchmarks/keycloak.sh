# Shared by run.sh and cluster-check.sh (sourced, from the repository root): a production-mode Keycloak
# install of the pinned distribution with the freshly built pack and the demo realm.

source scripts/keycloak.sh
home="benchmarks/target/keycloak-$keycloak_version"

prepare_keycloak() {
  mvn -B -q -pl console,benchmarks -am package -DskipTests
  unpack_keycloak benchmarks/target
  install_pack "$home"
  "$home/bin/kc.sh" build --db=postgres --health-enabled=true >/dev/null
}

# Waits for a node's readiness on its management port; prints its log and fails if it never comes up.
wait_ready() { # management-port log-file
  for _ in $(seq 1 240); do
    curl -sf "http://localhost:$1/health/ready" >/dev/null && return
    sleep 1
  done
  cat "$2"; exit 1
}

run_java() { # main-class args...
  java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" "$@"
}
