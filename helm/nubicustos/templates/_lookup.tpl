{{- /*
The one place the chart reads the cluster: an object as YAML, or {} when absent or unknowable.
(dict "root" $ "apiVersion" "v1" "kind" "Secret" "namespace" "ns" "name" "x")

Asked only where the chart's own CRDs are served, i.e. on a real install or upgrade (Helm installs
crds/ before rendering). `helm template`, `helm lint` and GitOps tools render without a cluster:
there lookup answers nothing at best and, in some embeddings of Helm, fails trying to connect.
*/ -}}
{{- define "nubicustos.lookup" -}}
{{- if .root.Capabilities.APIVersions.Has "nubicustos.io/v1alpha1" -}}
{{- lookup .apiVersion .kind .namespace .name | default dict | toYaml -}}
{{- else -}}
{}
{{- end -}}
{{- end -}}
