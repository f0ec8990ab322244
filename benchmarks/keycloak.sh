# Shared by run.sh and cluster-check.sh (sourced, from the repository root): a production-mode Keycloak
# install of the pinned distribution with the freshly built pack and the demo realm, and a fresh database.

version=$(sed -n 's:.*<keycloak.dist.version>\(.*\)</keycloak.dist.version>.*:\1:p' pom.xml)
home="benchmarks/target/keycloak-$version"

prepare_keycloak() {
  mvn -B -q -pl benchmarks -am package -DskipTests
  if [ ! -x "$home/bin/kc.sh" ]; then
    mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -DoutputDirectory=benchmarks/target
    (cd benchmarks/target && jar xf "keycloak-quarkus-dist-$version.zip" && rm "keycloak-quarkus-dist-$version.zip")
    chmod +x "$home"/bin/*.sh
  fi
  cp providers/target/keycloak-iot-providers-*.jar "$home/providers/keycloak-iot-providers.jar"
  mkdir -p "$home/data/import" && cp realm-config/*.json "$home/data/import/"
  "$home/bin/kc.sh" build --db=postgres --health-enabled=true >/dev/null
}

# A fresh PostgreSQL database owned by keycloak_iot (password keycloak_iot).
fresh_database() {
  psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q <<SQL
DROP DATABASE IF EXISTS $1;
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keycloak_iot') THEN
    CREATE ROLE keycloak_iot LOGIN PASSWORD 'keycloak_iot';
  END IF;
END \$\$;
CREATE DATABASE $1 OWNER keycloak_iot;
SQL
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
