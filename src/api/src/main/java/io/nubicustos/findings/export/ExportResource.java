package io.nubicustos.findings.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.findings.audit.AuditLog;
import io.nubicustos.findings.finding.FindingFilter;
import io.nubicustos.findings.finding.FindingQuery;
import io.nubicustos.findings.finding.FindingRepository;
import io.nubicustos.findings.security.Caller;
import io.nubicustos.findings.security.Role;

/**
 * Exports of findings, streamed from a database cursor to the client: memory does not grow
 * with the export. Always limited to what the key may see, and audited.
 */
@Path("/api/exports/findings")
public class ExportResource {

    private static final Logger LOG = Logger.getLogger(ExportResource.class);

    private final FindingRepository findings;
    private final AuditLog audit;
    private final Caller caller;
    private final ObjectMapper json;
    private final String version;

    public ExportResource(FindingRepository findings, AuditLog audit, Caller caller, ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.0.0") String version) {
        this.findings = findings;
        this.audit = audit;
        this.caller = caller;
        this.json = json;
        this.version = version;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    public Response export(@QueryParam("format") String formatText, @QueryParam("severity") String severity,
            @QueryParam("status") String status, @QueryParam("tool") String tool, @QueryParam("provider") String provider,
            @QueryParam("account") String account, @QueryParam("scope") String scope, @QueryParam("namespace") String namespace,
            @QueryParam("resource") String resource, @QueryParam("check") String check, @QueryParam("control") String control, @QueryParam("framework") String framework,
            @QueryParam("q") String text) {
        ExportFormat format = ExportFormat.parse(formatText);
        FindingFilter filter = FindingFilter.parse(severity, status, tool, provider, account, scope, namespace, resource, check, control, framework, text);
        FindingQuery query = FindingQuery.of(filter, caller.scope(), "");
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("format", format.id());
        caller.scope().ifPresent(s -> detail.put("keyScope", s));
        audit.record(AuditLog.EXPORT_REQUESTED, caller.keyId(), caller.client(), "findings", detail, caller.requestId());
        String requestId = caller.requestId();
        StreamingOutput body = out -> {
            try {
                FindingWriter writer = format.writer(out, json, version);
                writer.begin();
                if (writer instanceof CsvFindingWriter csv) {
                    findings.streamRows(query, csv::write);
                } else {
                    findings.stream(query, writer::write);
                }
                writer.end();
            } catch (IOException | UncheckedIOException e) {
                // The client went away: nothing to answer, nothing to log beyond a line.
                LOG.debugf("export %s ended early: client disconnected", requestId);
                throw e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
            } catch (Exception e) {
                LOG.errorf(e, "export %s failed", requestId);
                throw new IOException("export failed");
            }
        };
        return Response.ok(body, format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + format.fileName() + "\"")
                .build();
    }
}
