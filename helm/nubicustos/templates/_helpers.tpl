{{- define "nubicustos.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "nubicustos.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- /* Labels of one component: (dict "root" $ "component" "operator") */ -}}
{{- define "nubicustos.componentLabels" -}}
{{ include "nubicustos.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "nubicustos.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- /* The pods serving the API carry this label: NetworkSegments' egress and the databases' ingress select it. */ -}}
{{- define "nubicustos.apiPodLabel" -}}
nubicustos.io/api: "true"
{{- end -}}

{{- define "nubicustos.serviceAccountName" -}}
{{- default (printf "%s-operator" (include "nubicustos.fullname" .)) .Values.serviceAccount.name -}}
{{- end -}}

{{- /* The API's identity: its own ServiceAccount when separate, the operator's as a sidecar. */ -}}
{{- define "nubicustos.apiServiceAccountName" -}}
{{- if .Values.api.separate -}}
{{- default (printf "%s-api" (include "nubicustos.fullname" .)) .Values.api.serviceAccount.name -}}
{{- else -}}
{{- include "nubicustos.serviceAccountName" . -}}
{{- end -}}
{{- end -}}

{{- define "nubicustos.auditClusterRole" -}}
{{- printf "%s-audit" (include "nubicustos.fullname" .) -}}
{{- end -}}

{{- define "nubicustos.apiServiceName" -}}
{{- printf "%s-api" (include "nubicustos.fullname" .) -}}
{{- end -}}

{{- define "nubicustos.apiSecretName" -}}
{{- default (printf "%s-api-keys" (include "nubicustos.fullname" .)) .Values.api.existingSecret -}}
{{- end -}}

{{- define "nubicustos.uploadKeySecretName" -}}
{{- default (printf "%s-upload-key" (include "nubicustos.fullname" .)) .Values.uploadKey.existingSecret -}}
{{- end -}}

{{- /* image reference: (dict "root" $ "image" .Values.images.operator) */ -}}
{{- define "nubicustos.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{- /*
A generated secret value that survives upgrades: the entry of the Secret already in the cluster
if there is one, else the fresh value. (dict "existing" <the Secret from nubicustos.lookup, or {}>
"key" "entry" "fresh" "base64"). Returns base64, as Secret data holds it.
*/ -}}
{{- define "nubicustos.keptOrFresh" -}}
{{- $data := dict -}}
{{- if .existing -}}
{{- $data = .existing.data | default dict -}}
{{- end -}}
{{- if hasKey $data .key -}}
{{- index $data .key -}}
{{- else -}}
{{- .fresh -}}
{{- end -}}
{{- end -}}

{{- /* Pod Security Standard "restricted", pod level: (dict "uid" 65532) */ -}}
{{- define "nubicustos.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- /* Pod Security Standard "restricted", container level; every writable path is an emptyDir or a PVC. */ -}}
{{- define "nubicustos.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- /* Scheduling and pull secrets shared by every pod of the chart (empty when none are set). */ -}}
{{- define "nubicustos.scheduling" -}}
{{- $s := dict }}
{{- with .Values.nodeSelector }}{{ $_ := set $s "nodeSelector" . }}{{ end }}
{{- with .Values.tolerations }}{{ $_ := set $s "tolerations" . }}{{ end }}
{{- with .Values.affinity }}{{ $_ := set $s "affinity" . }}{{ end }}
{{- with .Values.priorityClassName }}{{ $_ := set $s "priorityClassName" . }}{{ end }}
{{- with .Values.images.pullSecrets }}
{{- $refs := list }}
{{- range . }}{{ $refs = append $refs (dict "name" .) }}{{ end }}
{{- $_ := set $s "imagePullSecrets" $refs }}
{{- end }}
{{- if $s }}{{ toYaml $s }}{{ end }}
{{- end -}}

{{- define "nubicustos.postgresqlHost" -}}
{{- if .Values.postgresql.bundled -}}
{{- printf "%s-postgresql.%s.svc" (include "nubicustos.fullname" .) .Release.Namespace -}}
{{- else -}}
{{- required "postgresql.host is required unless postgresql.bundled is true" .Values.postgresql.host -}}
{{- end -}}
{{- end -}}

{{- define "nubicustos.postgresqlSecret" -}}
{{- if .Values.postgresql.bundled -}}
{{- printf "%s-postgresql" (include "nubicustos.fullname" .) -}}
{{- else -}}
{{- required "postgresql.auth.existingSecret is required unless postgresql.bundled is true" .Values.postgresql.auth.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "nubicustos.neo4jHost" -}}
{{- if .Values.neo4j.bundled -}}
{{- printf "%s-neo4j.%s.svc" (include "nubicustos.fullname" .) .Release.Namespace -}}
{{- else -}}
{{- required "neo4j.host is required unless neo4j.bundled is true" .Values.neo4j.host -}}
{{- end -}}
{{- end -}}

{{- define "nubicustos.neo4jSecret" -}}
{{- if .Values.neo4j.bundled -}}
{{- printf "%s-neo4j" (include "nubicustos.fullname" .) -}}
{{- else -}}
{{- required "neo4j.auth.existingSecret is required unless neo4j.bundled is true" .Values.neo4j.auth.existingSecret -}}
{{- end -}}
{{- end -}}

{{- /* The JDBC URL, with the TLS mode; the CA is mounted at /etc/nubicustos/postgresql-ca. */ -}}
{{- define "nubicustos.jdbcUrl" -}}
{{- $pg := .Values.postgresql -}}
{{- /* logServerErrorDetail=false: PostgreSQL's error details quote row contents, which never reach a log. */ -}}
{{- $url := printf "jdbc:postgresql://%s:%d/%s?sslmode=%s&logServerErrorDetail=false" (include "nubicustos.postgresqlHost" .) (int $pg.port) $pg.database $pg.tls.mode -}}
{{- if $pg.tls.caSecret -}}
{{- $url = printf "%s&sslrootcert=/etc/nubicustos/postgresql-ca/ca.crt" $url -}}
{{- end -}}
{{- $url -}}
{{- end -}}

{{- define "nubicustos.boltUri" -}}
{{- printf "%s://%s:%d" (ternary "bolt+s" "bolt" .Values.neo4j.tls.enabled) (include "nubicustos.neo4jHost" .) (int .Values.neo4j.port) -}}
{{- end -}}

{{- /* Checks across values that the schema cannot express with a clear message. */ -}}
{{- define "nubicustos.validate" -}}
{{- if and (gt (int .Values.operator.replicas) 1) (not .Values.operator.leaderElection) -}}
{{- fail "operator.replicas > 1 needs operator.leaderElection=true: two operators without a lease would start the same scan runs twice" -}}
{{- end -}}
{{- if and (has .Values.postgresql.tls.mode (list "verify-ca" "verify-full")) (not .Values.postgresql.tls.caSecret) (not .Values.postgresql.bundled) -}}
{{- fail (printf "postgresql.tls.mode=%s needs postgresql.tls.caSecret (a Secret with ca.crt)" .Values.postgresql.tls.mode) -}}
{{- end -}}
{{- if and .Values.postgresql.bundled (ne .Values.postgresql.tls.mode "disable") -}}
{{- fail "the bundled PostgreSQL (postgresql.bundled=true) has no TLS: set postgresql.tls.mode=disable" -}}
{{- end -}}
{{- if and .Values.neo4j.bundled .Values.neo4j.tls.enabled -}}
{{- fail "the bundled Neo4j (neo4j.bundled=true) has no TLS: set neo4j.tls.enabled=false" -}}
{{- end -}}
{{- end -}}

{{/*
The admin's scan policy (values scans.*) under the operator's property names, as YAML for the
operator's config file; the API reads the same from scan-policy.properties (nubicustos.scanPolicyProperties).
*/}}
{{- define "nubicustos.scanPolicy" -}}
{{- $l := .Values.scans.limits -}}
{{- $tools := dict -}}
{{- range $tool, $images := .Values.scans.allowedImages }}
{{- $_ := set $tools $tool (dict "allowed-images" $images) }}
{{- end -}}
{{- range $tool, $own := .Values.scans.toolLimits }}
{{- $limits := dict }}
{{- with $own.maxCpu }}{{ $_ := set $limits "max-cpu" . }}{{ end }}
{{- with $own.maxMemory }}{{ $_ := set $limits "max-memory" . }}{{ end }}
{{- with $own.maxTimeout }}{{ $_ := set $limits "max-timeout" . }}{{ end }}
{{- if hasKey $own "maxBackoffLimit" }}{{ $_ := set $limits "max-backoff-limit" (int $own.maxBackoffLimit) }}{{ end }}
{{- $_ := set $tools $tool (merge (get $tools $tool | default dict) (dict "limits" $limits)) }}
{{- end -}}
{{- dict "limits" (dict "max-cpu" $l.maxCpu "max-memory" $l.maxMemory "max-timeout" $l.maxTimeout "max-backoff-limit" (int $l.maxBackoffLimit) "min-schedule-interval" $l.minScheduleInterval) "tools" $tools "cluster-scope-namespaces" (include "nubicustos.clusterScopeNamespaces" . | fromJsonArray) | toYaml -}}
{{- end }}

{{/* Per tool, the caps it runs under: scans.limits with scans.toolLimits.<tool> replacing them (a JSON object for CEL). */}}
{{- define "nubicustos.toolCaps" -}}
{{- $caps := dict }}
{{- range $tool := list "prowler" "scoutsuite" "trivy" "kube-bench" "kubescape" "checkov" "kubernetes" }}
{{- $own := get $.Values.scans.toolLimits $tool | default dict }}
{{- $l := $.Values.scans.limits }}
{{- $_ := set $caps $tool (dict "cpu" ($own.maxCpu | default $l.maxCpu | toString) "memory" ($own.maxMemory | default $l.maxMemory | toString)
  "timeout" ($own.maxTimeout | default $l.maxTimeout) "backoffLimit" (hasKey $own "maxBackoffLimit" | ternary $own.maxBackoffLimit $l.maxBackoffLimit | int | toString)) }}
{{- end }}
{{- $caps | toJson }}
{{- end }}

{{/* The namespaces whose API-reading scans audit the whole cluster: the release's own, and scans.clusterScopeNamespaces. */}}
{{- define "nubicustos.clusterScopeNamespaces" -}}
{{- prepend .Values.scans.clusterScopeNamespaces .Release.Namespace | uniq | toJson -}}
{{- end }}

{{- define "nubicustos.scanPolicyProperties" -}}
{{- $l := .Values.scans.limits -}}
nubicustos.scan.limits.max-cpu={{ $l.maxCpu }}
nubicustos.scan.limits.max-memory={{ $l.maxMemory }}
nubicustos.scan.limits.max-timeout={{ $l.maxTimeout }}
nubicustos.scan.limits.max-backoff-limit={{ int $l.maxBackoffLimit }}
nubicustos.scan.limits.min-schedule-interval={{ $l.minScheduleInterval }}
{{- range $tool, $images := .Values.scans.allowedImages }}
nubicustos.scan.tools.{{ $tool }}.allowed-images={{ join "," $images }}
{{- end }}
{{- range $tool, $own := .Values.scans.toolLimits }}
{{- with $own.maxCpu }}
nubicustos.scan.tools.{{ $tool }}.limits.max-cpu={{ . }}
{{- end }}
{{- with $own.maxMemory }}
nubicustos.scan.tools.{{ $tool }}.limits.max-memory={{ . }}
{{- end }}
{{- with $own.maxTimeout }}
nubicustos.scan.tools.{{ $tool }}.limits.max-timeout={{ . }}
{{- end }}
{{- if hasKey $own "maxBackoffLimit" }}
nubicustos.scan.tools.{{ $tool }}.limits.max-backoff-limit={{ int $own.maxBackoffLimit }}
{{- end }}
{{- end }}
{{- end }}

{{/* Whole minutes of a Go-style duration such as 1h, 90m or 1h30m (seconds and less are dropped). */}}
{{- define "nubicustos.durationMinutes" -}}
{{- $h := regexFind "[0-9]+h" . | trimSuffix "h" | default "0" | int -}}
{{- $m := regexFind "[0-9]+m($|[0-9])" . | regexFind "[0-9]+" | default "0" | int -}}
{{- add (mul $h 60) $m -}}
{{- end }}

{{- /* The warning for an Ingress in front of the API with no proxy trusted; empty when there is none to give. */ -}}
{{- define "nubicustos.proxyWarning" -}}
{{- if and .Values.ingress.enabled (not .Values.api.rateLimit.trustedProxies) -}}
The Ingress is on but api.rateLimit.trustedProxies is empty: the API sees every client at the ingress controller's address, so all of them share one address's rate limit and failed-authentication allowance (valid keys still pass). List the ingress controller's pod addresses or CIDR in api.rateLimit.trustedProxies.
{{- end -}}
{{- end -}}
