{{- /* The operator container. */ -}}
{{- define "nubicustos.operatorContainer" -}}
- name: operator
  image: {{ include "nubicustos.image" (dict "root" . "image" .Values.images.operator) }}
  imagePullPolicy: {{ .Values.images.pullPolicy }}
  ports:
    # The management interface: probes and metrics (the operator serves nothing else).
    - name: mgmt-operator
      containerPort: 9001
      protocol: TCP
  env:
    - name: NUBICUSTOS_SCAN_OPERATOR_NAMESPACE
      valueFrom:
        fieldRef:
          fieldPath: metadata.namespace
    - name: NUBICUSTOS_SCAN_SCANNER_IMAGE
      value: {{ include "nubicustos.image" (dict "root" . "image" .Values.images.scanner) | quote }}
    # Scan pods upload over plain HTTP inside the cluster (the scanner trusts public CAs only).
    - name: NUBICUSTOS_SCAN_API_URL
      value: {{ printf "http://%s.%s.svc:%d" (include "nubicustos.apiServiceName" .) .Release.Namespace (int .Values.api.service.port) | quote }}
    - name: NUBICUSTOS_SCAN_MAX_RUNNING
      value: {{ .Values.operator.maxRunningScans | quote }}
    - name: NUBICUSTOS_SCAN_ALLOW_PRIVILEGED_TOOLS
      value: {{ .Values.operator.allowPrivilegedTools | quote }}
    - name: NUBICUSTOS_SCAN_UPLOAD_KEY_SECRET
      value: {{ include "nubicustos.uploadKeySecretName" . | quote }}
    - name: NUBICUSTOS_SCAN_AUDIT_CLUSTER_ROLE
      value: {{ include "nubicustos.auditClusterRole" . | quote }}
    - name: QUARKUS_CONFIG_LOCATIONS
      value: /etc/nubicustos/operator/operator.yaml
    {{- if not .Values.operator.leaderElection }}
    # The operator's extension elects a leader under the prod profile only.
    - name: QUARKUS_PROFILE
      value: standalone
    {{- end }}
    {{- with .Values.operator.extraEnv }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  volumeMounts:
    - name: operator-config
      mountPath: /etc/nubicustos/operator
      readOnly: true
    - name: tmp
      mountPath: /tmp
  startupProbe:
    httpGet:
      path: /q/health/started
      port: mgmt-operator
    periodSeconds: 5
    failureThreshold: 60
  livenessProbe:
    httpGet:
      path: /q/health/live
      port: mgmt-operator
    periodSeconds: 10
    failureThreshold: 3
  readinessProbe:
    httpGet:
      path: /q/health/ready
      port: mgmt-operator
    periodSeconds: 10
    failureThreshold: 3
  resources:
    {{- toYaml .Values.operator.resources | nindent 4 }}
  securityContext:
    {{- include "nubicustos.containerSecurityContext" . | nindent 4 }}
{{- end -}}

{{- /* The findings API container. */ -}}
{{- define "nubicustos.apiContainer" -}}
- name: api
  image: {{ include "nubicustos.image" (dict "root" . "image" .Values.images.api) }}
  imagePullPolicy: {{ .Values.images.pullPolicy }}
  ports:
    - name: http
      containerPort: 8080
      protocol: TCP
    {{- if .Values.api.tls.enabled }}
    - name: https
      containerPort: 8443
      protocol: TCP
    {{- end }}
    # The management interface: probes and metrics, apart from the API.
    - name: mgmt-api
      containerPort: 9000
      protocol: TCP
  env:
    - name: QUARKUS_DATASOURCE_JDBC_URL
      value: {{ include "nubicustos.jdbcUrl" . | quote }}
    - name: QUARKUS_DATASOURCE_USERNAME
      valueFrom:
        secretKeyRef:
          name: {{ include "nubicustos.postgresqlSecret" . }}
          key: {{ .Values.postgresql.auth.usernameKey }}
    - name: QUARKUS_DATASOURCE_PASSWORD
      valueFrom:
        secretKeyRef:
          name: {{ include "nubicustos.postgresqlSecret" . }}
          key: {{ .Values.postgresql.auth.passwordKey }}
    - name: NUBICUSTOS_NEO4J_URI
      value: {{ include "nubicustos.boltUri" . | quote }}
    - name: NUBICUSTOS_NEO4J_USERNAME
      valueFrom:
        secretKeyRef:
          name: {{ include "nubicustos.neo4jSecret" . }}
          key: {{ .Values.neo4j.auth.usernameKey }}
    - name: NUBICUSTOS_NEO4J_PASSWORD
      valueFrom:
        secretKeyRef:
          name: {{ include "nubicustos.neo4jSecret" . }}
          key: {{ .Values.neo4j.auth.passwordKey }}
    - name: NUBICUSTOS_API_KEY_HASH_SECRET
      valueFrom:
        secretKeyRef:
          name: {{ include "nubicustos.apiSecretName" . }}
          key: key-hash-secret
    # The bootstrap admin key; further keys are created through the API.
    - name: NUBICUSTOS_API_KEYS__ADMIN__VALUE
      valueFrom:
        secretKeyRef:
          name: {{ include "nubicustos.apiSecretName" . }}
          key: admin-key
    - name: NUBICUSTOS_API_KEYS__ADMIN__ROLE
      value: admin
    # Raw bytes as a file: the same Secret the operator signs upload tokens with.
    - name: NUBICUSTOS_API_INGEST_UPLOAD_KEY_FILE
      value: /var/run/nubicustos/upload-key/key
    - name: NUBICUSTOS_API_RATE_LIMIT_REQUESTS_PER_MINUTE
      value: {{ .Values.api.rateLimit.requestsPerMinute | quote }}
    - name: NUBICUSTOS_API_RATE_LIMIT_BURST
      value: {{ .Values.api.rateLimit.burst | quote }}
    {{- with .Values.api.rateLimit.trustedProxies }}
    - name: NUBICUSTOS_API_RATE_LIMIT_TRUSTED_PROXIES
      value: {{ join "," . | quote }}
    {{- end }}
    - name: NUBICUSTOS_API_RETENTION_ENABLED
      value: {{ .Values.api.retention.enabled | quote }}
    - name: NUBICUSTOS_API_RETENTION_MAX_AGE
      value: {{ .Values.api.retention.maxAge | quote }}
    {{- with .Values.api.corsOrigins }}
    - name: QUARKUS_HTTP_CORS_ORIGINS
      value: {{ . | quote }}
    {{- end }}
    # The admin's scan policy, the operator's own (configmap.yaml).
    - name: QUARKUS_CONFIG_LOCATIONS
      value: /etc/nubicustos/scan-policy/scan-policy.properties
    # The root filesystem is read-only.
    - name: QUARKUS_HTTP_BODY_UPLOADS_DIRECTORY
      value: /tmp/uploads
    {{- if .Values.api.tls.enabled }}
    - name: QUARKUS_HTTP_SSL_PORT
      value: "8443"
    - name: QUARKUS_HTTP_SSL_CERTIFICATE_FILES
      value: /etc/nubicustos/tls/tls.crt
    - name: QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES
      value: /etc/nubicustos/tls/tls.key
    # 24h certificates: pick up each renewal.
    - name: QUARKUS_HTTP_SSL_CERTIFICATE_RELOAD_PERIOD
      value: 1h
    {{- end }}
    {{- with .Values.api.extraEnv }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  volumeMounts:
    - name: upload-key
      mountPath: /var/run/nubicustos/upload-key
      readOnly: true
    - name: scan-policy
      mountPath: /etc/nubicustos/scan-policy
      readOnly: true
    - name: api-tmp
      mountPath: /tmp
    {{- if .Values.api.tls.enabled }}
    - name: api-tls
      mountPath: /etc/nubicustos/tls
      readOnly: true
    {{- end }}
    {{- if .Values.postgresql.tls.caSecret }}
    - name: postgresql-ca
      mountPath: /etc/nubicustos/postgresql-ca
      readOnly: true
    {{- end }}
  startupProbe:
    httpGet:
      path: /q/health/started
      port: mgmt-api
    periodSeconds: 5
    failureThreshold: 60
  livenessProbe:
    httpGet:
      path: /q/health/live
      port: mgmt-api
    periodSeconds: 10
    failureThreshold: 3
  readinessProbe:
    httpGet:
      path: /q/health/ready
      port: mgmt-api
    periodSeconds: 10
    failureThreshold: 3
  resources:
    {{- toYaml .Values.api.resources | nindent 4 }}
  securityContext:
    {{- include "nubicustos.containerSecurityContext" . | nindent 4 }}
{{- end -}}

{{- /* Volumes of the API container (files mode 0400: fsGroup makes them readable to the group only). */ -}}
{{- define "nubicustos.apiVolumes" -}}
- name: api-tmp
  emptyDir:
    sizeLimit: 256Mi
- name: upload-key
  secret:
    secretName: {{ include "nubicustos.uploadKeySecretName" . }}
    defaultMode: 256 # 0400
    items:
      - key: key
        path: key
- name: scan-policy
  configMap:
    name: {{ include "nubicustos.fullname" . }}-operator
    items:
      - key: scan-policy.properties
        path: scan-policy.properties
{{- if .Values.api.tls.enabled }}
- name: api-tls
  secret:
    secretName: {{ include "nubicustos.fullname" . }}-api-tls
    defaultMode: 256 # 0400
{{- end }}
{{- if .Values.postgresql.tls.caSecret }}
- name: postgresql-ca
  secret:
    secretName: {{ .Values.postgresql.tls.caSecret }}
    defaultMode: 292 # 0444
    items:
      - key: ca.crt
        path: ca.crt
{{- end }}
{{- end -}}
