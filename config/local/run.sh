#!/usr/bin/env bash
# `make run`: the operator and the findings API on this machine, against the current kubeconfig.
# The all-embedded default (in-memory Kubernetes API, embedded PostgreSQL and Neo4j, local pod
# runner) is not built yet; until it is, this script says exactly what it needs and stops.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
kubeconfig="${KUBECONFIG:-$HOME/.kube/config}"
[ -f "${kubeconfig%%:*}" ] || missing+=("a Kubernetes cluster: set KUBECONFIG (or create ~/.kube/config); kind, k3d or minikube will do")
[ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ] || missing+=("PostgreSQL for the API: QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://host:5432/nubicustos, with QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD")
[ -n "${NUBICUSTOS_NEO4J_URI:-}" ] || missing+=("Neo4j for the API: NUBICUSTOS_NEO4J_URI=bolt://host:7687, with NUBICUSTOS_NEO4J_USERNAME and NUBICUSTOS_NEO4J_PASSWORD if it needs them")
if [ ${#missing[@]} -gt 0 ]; then
  echo "make run needs, for now:" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  echo "(An all-embedded default that needs only a JDK is planned; see the README.)" >&2
  exit 2
fi

echo "==> building (tests skipped)"
./mvnw -B -q -DskipTests -DskipCrdCheck=true install

if command -v kubectl >/dev/null 2>&1; then
  echo "==> applying the CRDs to $(kubectl config current-context)"
  kubectl apply --server-side -f crds/
else
  echo "==> kubectl not found: apply crds/ to the cluster yourself before creating resources"
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# The API stores keys under a keyed hash; locally, a fresh secret and admin key per run unless given.
export NUBICUSTOS_API_KEY_HASH_SECRET="${NUBICUSTOS_API_KEY_HASH_SECRET:-$(head -c 32 /dev/urandom | base64)}"
LOCAL_ADMIN_KEY="${NUBICUSTOS_LOCAL_ADMIN_KEY:-local-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}"
echo "==> starting the findings API on http://localhost:8080/api (Swagger UI: /api/docs)"
echo "    admin key for this run: X-API-Key: ${LOCAL_ADMIN_KEY}"
java -Dnubicustos.api.keys.local.value="${LOCAL_ADMIN_KEY}" -Dnubicustos.api.keys.local.role=admin \
  -jar src/api/target/quarkus-app/quarkus-run.jar & pids+=($!)
echo "==> starting the operator (health and metrics on http://localhost:8081/q/health)"
java -jar operator/target/quarkus-app/quarkus-run.jar & pids+=($!)
echo "==> running; try: kubectl apply -f config/samples/networksegments/ && kubectl get nubicustos -A   (Ctrl-C stops both)"
wait -n "${pids[@]}"
