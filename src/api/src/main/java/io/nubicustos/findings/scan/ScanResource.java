package io.nubicustos.findings.scan;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import java.time.Clock;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobSpec;
import io.nubicustos.findings.audit.AuditLog;
import io.nubicustos.findings.config.ApiConfig;
import io.nubicustos.findings.http.Conflict;
import io.nubicustos.findings.http.InvalidInput;
import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.http.NotFound;
import io.nubicustos.findings.security.Caller;
import io.nubicustos.findings.security.Role;

/** Runs: list, one, start (a new ScanJob), cancel (suspend its ScanJob, end the run), and the diff of two runs. */
@Path("/api/scans")
@Produces(MediaType.APPLICATION_JSON)
public class ScanResource {

    private final ScanRuns runs;
    private final ScanDiffs diffs;
    private final ScanJobs scanJobs;
    private final AuditLog audit;
    private final Caller caller;
    private final ApiConfig.Pages pages;
    private final RunRecorder recorder;
    private final Clock clock;

    public ScanResource(ScanRuns runs, ScanDiffs diffs, ScanJobs scanJobs, AuditLog audit, Caller caller, ApiConfig config,
            RunRecorder recorder, Clock clock) {
        this.runs = runs;
        this.recorder = recorder;
        this.clock = clock;
        this.diffs = diffs;
        this.scanJobs = scanJobs;
        this.audit = audit;
        this.caller = caller;
        this.pages = config.pages();
    }

    /** A page of runs, newest first; {@code after} is the id of the last run of the previous page. */
    public record ScanPage(List<ScanRunView> items, String next) {
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    public ScanPage list(@QueryParam("namespace") String namespace, @QueryParam("scanJob") String scanJob, @QueryParam("limit") String limitText,
            @QueryParam("after") String after) {
        int limit = limit(limitText);
        Optional<ScanRunView> before = after == null || after.isEmpty() ? Optional.empty()
                : Optional.of(runs.find(uuid(after, true), caller.scope()).orElseThrow(() -> new InvalidInput("after is not a run of this list")));
        List<ScanRunView> page = runs.list(caller.scope(), text("namespace", namespace), text("scanJob", scanJob), before, limit);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            next = page.get(limit - 1).id().toString();
        }
        return new ScanPage(page, next);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    public ScanRunView get(@PathParam("id") String id) {
        return runs.find(uuid(id, false), caller.scope()).orElseThrow(NotFound::new);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response start(ScanRequest request) {
        if (request != null && request.namespace() != null && !caller.mayAccess(request.namespace())) {
            throw new WebApplicationException(Response.Status.FORBIDDEN);
        }
        ScanJob created = scanJobs.create(request);
        audit.record(AuditLog.SCAN_STARTED, caller.keyId(), caller.client(),
                "scanjob/" + created.getMetadata().getNamespace() + "/" + created.getMetadata().getName(), startDetail(created.getSpec()),
                caller.requestId());
        return Response.created(URI.create("/api/scans?namespace=" + created.getMetadata().getNamespace() + "&scanJob="
                + created.getMetadata().getName()))
                .entity(Map.of("namespace", created.getMetadata().getNamespace(), "name", created.getMetadata().getName(),
                        "uid", String.valueOf(created.getMetadata().getUid())))
                .build();
    }

    /**
     * What the audit keeps of a started scan: tool, provider, the image (the catalogue's unless the
     * spec names an allowed one), the extra arguments and the credential's name, never its content.
     */
    static Map<String, Object> startDetail(ScanJobSpec spec) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("tool", spec.getTool() == null ? "none" : spec.getTool().wireName());
        detail.put("provider", spec.getProvider() == null ? "none" : spec.getProvider().name().toLowerCase(java.util.Locale.ROOT));
        detail.put("image", spec.getImage() == null || spec.getImage().isBlank() ? "catalogue" : spec.getImage());
        detail.put("args", auditedArgs(spec.getArgs()));
        detail.put("credential", spec.getCredentialRef() == null ? "none" : String.valueOf(spec.getCredentialRef().getName()));
        return detail;
    }

    private static final java.util.regex.Pattern SECRET_FLAG = java.util.regex.Pattern
            .compile("-{1,2}[A-Za-z0-9_.-]*(key|token|secret|password|passwd|credential)[A-Za-z0-9_.-]*", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** The arguments as given, but the value of a flag named like a secret ({@code --bc-api-key X}, {@code --token=X}) is left out. */
    static List<String> auditedArgs(List<String> args) {
        List<String> audited = new java.util.ArrayList<>();
        boolean secretNext = false;
        for (String arg : args == null ? List.<String>of() : args) {
            int eq = arg.indexOf('=');
            if (secretNext && !arg.startsWith("-")) {
                audited.add("(redacted)");
            } else if (eq > 0 && SECRET_FLAG.matcher(arg.substring(0, eq)).matches()) {
                audited.add(arg.substring(0, eq) + "=(redacted)");
            } else {
                audited.add(arg);
            }
            secretNext = eq < 0 && SECRET_FLAG.matcher(arg).matches();
        }
        return audited;
    }

    /**
     * Cancels a running run: suspends its ScanJob, so the operator deletes the active Job and starts
     * no more runs, and ends the run as cancelled, so nothing it uploads later is accepted or resolves
     * anything. Resume with {@code kubectl patch scanjob ... -p '{"spec":{"suspend":false}}'}.
     */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response cancel(@PathParam("id") String id) {
        ScanRunView run = runs.find(uuid(id, false), caller.scope()).orElseThrow(NotFound::new);
        if (run.completedAt() != null) {
            throw new Conflict("the run has ended already (" + run.outcome() + ")");
        }
        if (!scanJobs.suspend(run.namespace(), run.scanJob())) {
            throw new NotFound();
        }
        recorder.end(run.id(), "cancelled", clock.instant());
        audit.record(AuditLog.SCAN_CANCELLED, caller.keyId(), caller.client(), "scanjob/" + run.namespace() + "/" + run.scanJob(),
                Map.of("run", run.id().toString()), caller.requestId());
        return Response.accepted(Map.of("namespace", run.namespace(), "name", run.scanJob(), "run", run.id().toString(),
                "outcome", "cancelled", "suspended", true)).build();
    }

    @GET
    @Path("/{a}/diff/{b}")
    @RolesAllowed(Role.VIEWER_NAME)
    public ScanDiff diff(@PathParam("a") String a, @PathParam("b") String b, @QueryParam("limit") String limitText) {
        ScanRunView from = runs.find(uuid(a, false), caller.scope()).orElseThrow(NotFound::new);
        ScanRunView to = runs.find(uuid(b, false), caller.scope()).orElseThrow(NotFound::new);
        return diffs.diff(from.id(), to.id(), caller.scope(), limit(limitText));
    }

    private int limit(String text) {
        return io.nubicustos.findings.http.PageLimits.parse(text, pages.defaultSize(), pages.maxSize());
    }

    /** A malformed id in the path is simply not found; in a query parameter it is a bad request. */
    static UUID uuid(String text, boolean parameter) {
        try {
            if (text != null && text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        if (parameter) {
            throw new InvalidInput("not a run id");
        }
        throw new NotFound();
    }

    private static Optional<String> text(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.length() > 253 || !value.matches("[a-z0-9.-]+")) {
            throw new InvalidInput(name + " must be a Kubernetes name");
        }
        return Optional.of(value);
    }
}
