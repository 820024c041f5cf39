package io.nubicustos.api.v1alpha1.scanjob;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.LocalReference;
import io.nubicustos.api.v1alpha1.common.Patterns;
import io.nubicustos.api.v1alpha1.common.Provider;
import io.nubicustos.model.finding.Severity;

@ValidationRule(value = ScanJobRules.BUILTIN_NEEDS_KUBERNETES, message = ScanJobRules.BUILTIN_NEEDS_KUBERNETES_MESSAGE)
@ValidationRule(value = ScanJobRules.CLUSTER_TOOLS_NEED_KUBERNETES, message = ScanJobRules.CLUSTER_TOOLS_NEED_KUBERNETES_MESSAGE)
@ValidationRule(value = ScanJobRules.SCOUTSUITE_NEEDS_CLOUD, message = ScanJobRules.SCOUTSUITE_NEEDS_CLOUD_MESSAGE)
@ValidationRule(value = ScanJobRules.CLOUD_NEEDS_CREDENTIAL, message = ScanJobRules.CLOUD_NEEDS_CREDENTIAL_MESSAGE)
@ValidationRule(value = ScanJobRules.TIME_ZONE_NEEDS_SCHEDULE, message = ScanJobRules.TIME_ZONE_NEEDS_SCHEDULE_MESSAGE)
@ValidationRule(value = ScanJobRules.DEADLINE_NEEDS_SCHEDULE, message = ScanJobRules.DEADLINE_NEEDS_SCHEDULE_MESSAGE)
@ValidationRule(value = ScanJobRules.HOST_ACCESS_ONLY_KUBE_BENCH, message = ScanJobRules.HOST_ACCESS_ONLY_KUBE_BENCH_MESSAGE)
public class ScanJobSpec {

    @Required
    @JsonPropertyDescription("The scanner to run: prowler, scoutsuite, trivy, kube-bench, kubescape, checkov, or kubernetes (the built-in audit).")
    private Tool tool;

    @Required
    @JsonPropertyDescription("What is scanned: a cloud account (aws, azure, gcp) or a cluster (kubernetes).")
    private Provider provider;

    @Default("quick")
    @JsonPropertyDescription("quick, comprehensive or compliance-only; each tool maps it to its own arguments.")
    private Profile profile = Profile.QUICK;

    @JsonPropertyDescription("The CloudCredential (same namespace) the scan authenticates with. Required for cloud providers.")
    private LocalReference credentialRef;

    @JsonPropertyDescription("The NetworkSegment the scan pods belong to; its policies then apply to them.")
    private LocalReference segmentRef;

    @Pattern(Patterns.CRON)
    @JsonPropertyDescription("Cron schedule (five fields or @daily style). Absent: the ScanJob runs once per spec change.")
    private String schedule;

    @Pattern(Patterns.TIME_ZONE)
    @JsonPropertyDescription("IANA time zone of the schedule, e.g. Europe/Berlin. Default: UTC.")
    private String timeZone;

    @Min(0)
    @JsonPropertyDescription("Seconds after a missed scheduled time during which the run may still start.")
    private Long startingDeadlineSeconds;

    @Default("Forbid")
    @JsonPropertyDescription("Forbid: skip a scheduled run while the previous one is active. Replace: stop it and start anew.")
    private ConcurrencyPolicy concurrencyPolicy = ConcurrencyPolicy.FORBID;

    @Default("false")
    @JsonPropertyDescription("Suspends scheduling; an active run is left to finish.")
    private Boolean suspend = false;

    @Pattern(Patterns.DURATION)
    @Size(max = Bounds.DURATION)
    @JsonPropertyDescription("Deadline of one run (the Job's activeDeadlineSeconds), e.g. 30m or 2h. Default: the tool's, from the operator's catalogue.")
    private String timeout;

    @Min(0)
    @Max(10)
    @Default("1")
    @JsonPropertyDescription("Retries of a failed run pod.")
    private Integer backoffLimit = 1;

    @Min(0)
    @Max(2592000)
    @Default("86400")
    @JsonPropertyDescription("Seconds a finished run Job is kept before Kubernetes deletes it.")
    private Integer ttlSecondsAfterFinished = 86400;

    @JsonPropertyDescription("How many finished run Jobs to keep.")
    private HistoryLimit historyLimit;

    @Size(max = 64)
    @JsonPropertyDescription("Cloud regions to scan; empty: every region the tool supports.")
    private List<String> regions = new ArrayList<>();

    @Default("info")
    @JsonPropertyDescription("Findings below this severity are not recorded.")
    private Severity severityThreshold = Severity.INFO;

    @Pattern(Patterns.IMAGE_BY_DIGEST)
    @Size(max = Bounds.IMAGE)
    @JsonPropertyDescription("Another image for the tool, pinned by digest (repo@sha256:...), and only one the cluster admin allows "
            + "for this tool (nubicustos.scan.tools.<tool>.allowed-images); absent: the operator's catalogue image.")
    private String image;

    @Size(max = ScanArgs.MAX_ARGS)
    @JsonPropertyDescription("Extra tool arguments, appended after validation: only the flags the tool's allowlist has (filters such "
            + "as --severity, --checks, --framework; never outputs, servers, keys or config files), no shell metacharacters, no paths "
            + "outside /results.")
    private List<String> args = new ArrayList<>();

    @Default("false")
    @JsonPropertyDescription("kube-bench only: allows host access (hostPID, host paths), if the operator also permits privileged tools.")
    private Boolean hostAccess = false;

    @JsonPropertyDescription("Requests and limits of the tool container; the catalogue's defaults otherwise.")
    private ResourceRequirements resources;

    public Tool getTool() {
        return tool;
    }

    public void setTool(Tool tool) {
        this.tool = tool;
    }

    public Provider getProvider() {
        return provider;
    }

    public void setProvider(Provider provider) {
        this.provider = provider;
    }

    public Profile getProfile() {
        return profile;
    }

    public void setProfile(Profile profile) {
        this.profile = profile;
    }

    public LocalReference getCredentialRef() {
        return credentialRef;
    }

    public void setCredentialRef(LocalReference credentialRef) {
        this.credentialRef = credentialRef;
    }

    public LocalReference getSegmentRef() {
        return segmentRef;
    }

    public void setSegmentRef(LocalReference segmentRef) {
        this.segmentRef = segmentRef;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Long getStartingDeadlineSeconds() {
        return startingDeadlineSeconds;
    }

    public void setStartingDeadlineSeconds(Long startingDeadlineSeconds) {
        this.startingDeadlineSeconds = startingDeadlineSeconds;
    }

    public ConcurrencyPolicy getConcurrencyPolicy() {
        return concurrencyPolicy;
    }

    public void setConcurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) {
        this.concurrencyPolicy = concurrencyPolicy;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public Integer getBackoffLimit() {
        return backoffLimit;
    }

    public void setBackoffLimit(Integer backoffLimit) {
        this.backoffLimit = backoffLimit;
    }

    public Integer getTtlSecondsAfterFinished() {
        return ttlSecondsAfterFinished;
    }

    public void setTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) {
        this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
    }

    public HistoryLimit getHistoryLimit() {
        return historyLimit;
    }

    public void setHistoryLimit(HistoryLimit historyLimit) {
        this.historyLimit = historyLimit;
    }

    public List<String> getRegions() {
        return regions;
    }

    public void setRegions(List<String> regions) {
        this.regions = regions;
    }

    public Severity getSeverityThreshold() {
        return severityThreshold;
    }

    public void setSeverityThreshold(Severity severityThreshold) {
        this.severityThreshold = severityThreshold;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public List<String> getArgs() {
        return args;
    }

    public void setArgs(List<String> args) {
        this.args = args;
    }

    public Boolean getHostAccess() {
        return hostAccess;
    }

    public void setHostAccess(Boolean hostAccess) {
        this.hostAccess = hostAccess;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
