#!/usr/bin/env bash
# `make run`: the operator, the findings API, an in-memory Kubernetes API, embedded PostgreSQL and
# Neo4j and a local pod runner, with the samples of config/local/samples applied. Needs a JDK only.
#   CLEAN=1          start from an empty .nubicustos/
#   REPORT=FILE      scans of that report's tool upload FILE instead of running the tool image
#   HOLD=TOOL        scans of TOOL keep running until cancelled (to try DELETE /api/scans/{id})
#   CLUSTER=1        use the cluster of KUBECONFIG instead of the in-memory API (no pod runner, no
#                    samples); opt-in, so an exported KUBECONFIG never points make run at a real cluster
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "==> building the operator, the API and the local runner (tests skipped; incremental)"
./mvnw -B -q -DskipTests -DskipCrdCheck=true -pl operator,src/api,src/local -am install

args=()
[ "${CLEAN:-}" = 1 ] && args+=(--clean)
[ -n "${REPORT:-}" ] && args+=(--report "$REPORT")
[ -n "${HOLD:-}" ] && args+=(--hold "$HOLD")
[ "${CLUSTER:-}" = 1 ] && args+=(--cluster)
# Whatever make run and its children create (.nubicustos/, the databases' files, logs) is this user's alone.
umask 077
exec java -cp "src/local/target/classes:$(cat src/local/target/classpath.txt)" io.nubicustos.local.LocalRun "${args[@]}" "$@"
