# Shell helpers shared by ./run, .ci/run and the benchmark scripts (sourced from the repository root).

# The pinned server version, from the parent POM.
keycloak_version=$(sed -n 's:.*<keycloak.dist.version>\(.*\)</keycloak.dist.version>.*:\1:p' pom.xml)

# Unpacks org.keycloak:keycloak-quarkus-dist into DIR (as DIR/keycloak-<version>) unless it is there already.
unpack_keycloak() { # dir
  if [ ! -x "$1/keycloak-$keycloak_version/bin/kc.sh" ]; then
    mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$keycloak_version:zip" -DoutputDirectory="$1"
    (cd "$1" && jar xf "keycloak-quarkus-dist-$keycloak_version.zip" && rm "keycloak-quarkus-dist-$keycloak_version.zip")
    chmod +x "$1/keycloak-$keycloak_version"/bin/*.sh
  fi
}

# Installs the built providers jar and the demo realm's import files into a Keycloak home.
install_pack() { # keycloak-home
  rm -f "$1"/providers/keycloak-iot-providers*.jar
  cp providers/target/keycloak-iot-providers-*.jar "$1/providers/keycloak-iot-providers.jar"
  mkdir -p "$1/data/import"
  cp realm-config/*.json "$1/data/import/"
}

# A fresh PostgreSQL database NAME on 127.0.0.1:5432, owned by keycloak_iot (password keycloak_iot).
fresh_postgres_database() { # name
  psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q <<SQL
DROP DATABASE IF EXISTS $1;
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keycloak_iot') THEN
    CREATE ROLE keycloak_iot LOGIN PASSWORD 'keycloak_iot';
  END IF;
END \$\$;
CREATE DATABASE $1 OWNER keycloak_iot ENCODING 'UTF8';
SQL
}
