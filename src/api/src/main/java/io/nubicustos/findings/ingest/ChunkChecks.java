package io.nubicustos.findings.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.nubicustos.findings.http.InvalidInput;
import io.nubicustos.model.finding.FindingBounds;
import io.nubicustos.model.finding.Fingerprints;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.graph.EdgeType;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;
import io.nubicustos.model.ingest.ControlResult;
import io.nubicustos.model.ingest.IngestChunk;

/**
 * Reads and checks an uploaded chunk whole before anything of it is written: every field of the
 * envelope, of each finding, control result, node and edge, required ones present, each within
 * {@link FindingBounds}, no NUL character (PostgreSQL's text cannot hold one). One bad item
 * refuses the chunk with a 400 that names the field and its position, never its value: a refusal
 * must not carry finding text or whatever else the sender put there into answers or logs.
 */
final class ChunkChecks {

    /** At most this many problems are named in one answer. */
    private static final int MAX_PROBLEMS = 5;

    /** Field names an answer may repeat: those of the wire types, never a name the sender chose (a map key, an unknown field). */
    private static final Set<String> FIELDS = Stream.of(IngestChunk.class, NormalizedFinding.class, ControlResult.class, GraphNode.class,
            GraphEdge.class).flatMap(type -> Arrays.stream(type.getRecordComponents())).map(c -> c.getName()).collect(Collectors.toUnmodifiableSet());

    private ChunkChecks() {
    }

    /**
     * A run from a tenant namespace reads that namespace only (its RoleBinding); a chunk that names a
     * Kubernetes object of another namespace comes from a tool that was not told so, or lies, and
     * is refused whole, so a staging scan never writes production's findings or graph.
     */
    static void withinScope(IngestChunk chunk, io.nubicustos.model.ingest.UploadToken token) {
        if (token.clusterWide()) {
            return;
        }
        refuseOutside("findings", chunk.findings(), NormalizedFinding::namespace, token);
        refuseOutside("nodes", chunk.nodes(), GraphNode::namespace, token);
    }

    private static <T> void refuseOutside(String field, List<T> items, java.util.function.Function<T, String> namespace,
            io.nubicustos.model.ingest.UploadToken token) {
        for (int i = 0; i < items.size(); i++) {
            if (outside(namespace.apply(items.get(i)), token)) {
                throw new InvalidInput("invalid chunk: " + field + "[" + i + "].namespace is not the run's own; a scan from this namespace "
                        + "reports on its namespace only");
            }
        }
    }

    private static boolean outside(String namespace, io.nubicustos.model.ingest.UploadToken token) {
        return namespace != null && !namespace.isEmpty() && !namespace.equals(token.namespace());
    }

    /** A mapper like {@code json} whose parser refuses any string longer than the longest field, before building it. */
    static ObjectMapper boundedMapper(ObjectMapper json) {
        return json.copyWith(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(FindingBounds.LONGEST).build()).build());
    }

    /** The chunk in {@code body}, read with a {@link #boundedMapper}; a body that is not one is a 400 naming where. */
    static IngestChunk read(ObjectMapper bounded, byte[] body) {
        try (JsonParser parser = bounded.createParser(body)) {
            try {
                return bounded.readValue(parser, IngestChunk.class);
            } catch (JsonProcessingException e) {
                throw unreadable(e, parser);
            }
        } catch (IOException e) {
            throw new InvalidInput("the chunk is not valid JSON of {tool, provider, findings, controls, nodes, edges}");
        }
    }

    /**
     * Jackson's own messages quote the input; this one names only the position (wire-type field
     * names and indexes) and what is wrong there.
     */
    private static InvalidInput unreadable(JsonProcessingException e, JsonParser parser) {
        String at = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() ? path(mapping.getPath()) : path(parser);
        String where = at.isEmpty() ? "the chunk" : at;
        if (e instanceof ValueInstantiationException && e.getCause() instanceof NullPointerException npe && npe.getMessage() != null
                && FIELDS.contains(npe.getMessage())) {
            // The wire types' constructors name the required field that was missing.
            return new InvalidInput("invalid chunk: " + where + "." + npe.getMessage() + " is required");
        }
        if (causedBy(e, StreamConstraintsException.class)) {
            return new InvalidInput("invalid chunk: " + where + " is longer than " + FindingBounds.LONGEST + " characters");
        }
        if (e instanceof JsonMappingException) {
            return new InvalidInput("invalid chunk: " + where + " has the wrong type or an unknown value");
        }
        return new InvalidInput("the chunk is not valid JSON (at " + where + ")");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() == null && r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null && FIELDS.contains(r.getFieldName())) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                break;
            }
        }
        return out.toString();
    }

    private static String path(JsonParser parser) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else {
                parts.add(0, c.getCurrentName());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part == null || (!part.startsWith("[") && !FIELDS.contains(part))) {
                break;
            }
            out.append(part.startsWith("[") || out.isEmpty() ? "" : ".").append(part);
        }
        return out.toString();
    }

    /** Checks a chunk read whole; throws a 400 naming the first problems. */
    static void validate(IngestChunk chunk, int maxFindings) {
        if (chunk == null) {
            throw new InvalidInput("body is required: {tool, provider, findings, controls}");
        }
        if (chunk.tool() == null || chunk.tool().length() > FindingBounds.NAME || !chunk.tool().matches("[a-z0-9-]+")) {
            throw new InvalidInput("tool is required: a lower-case name of at most " + FindingBounds.NAME + " characters");
        }
        if (chunk.provider() == null || chunk.provider().length() > FindingBounds.NAME || !chunk.provider().matches("[a-z0-9-]+")) {
            throw new InvalidInput("provider is required: a lower-case name of at most " + FindingBounds.NAME + " characters");
        }
        if (chunk.findings().size() > maxFindings) {
            throw new InvalidInput("a chunk holds at most " + maxFindings + " findings");
        }
        if (chunk.controls().size() > maxFindings) {
            throw new InvalidInput("a chunk holds at most " + maxFindings + " control results");
        }
        if (chunk.nodes().size() + chunk.edges().size() > maxFindings * 10) {
            throw new InvalidInput("a chunk holds at most " + maxFindings * 10 + " nodes and edges");
        }
        Problems problems = new Problems();
        for (int i = 0; i < chunk.findings().size() && problems.room(); i++) {
            finding(chunk.findings().get(i), "findings[" + i + "]", problems);
        }
        for (int i = 0; i < chunk.controls().size() && problems.room(); i++) {
            ControlResult r = chunk.controls().get(i);
            String at = "controls[" + i + "]";
            if (r == null) {
                problems.add(at + " is null");
                continue;
            }
            problems.text(at + ".framework", r.framework(), true, FindingBounds.CONTROL);
            problems.text(at + ".requirement", r.requirement(), true, FindingBounds.CONTROL);
            if (r.passed() < 0 || r.failed() < 0) {
                problems.add(at + " has a negative count");
            }
        }
        for (int i = 0; i < chunk.nodes().size() && problems.room(); i++) {
            GraphNode node = chunk.nodes().get(i);
            String at = "nodes[" + i + "]";
            if (node == null) {
                problems.add(at + " is null");
                continue;
            }
            problems.text(at + ".key", node.key(), true, FindingBounds.RESOURCE);
            problems.text(at + ".kind", node.kind(), true, FindingBounds.KIND);
            problems.text(at + ".namespace", node.namespace(), false, FindingBounds.NODE_NAMESPACE);
            if (node.labels().size() > FindingBounds.LABELS) {
                problems.add(at + ".labels has more than " + FindingBounds.LABELS + " entries");
            }
            for (Map.Entry<String, String> label : node.labels().entrySet()) {
                problems.text(at + ".labels (a key)", label.getKey(), true, FindingBounds.LABEL_KEY);
                problems.text(at + ".labels (a value)", label.getValue(), false, FindingBounds.LABEL_VALUE);
            }
        }
        for (int i = 0; i < chunk.edges().size() && problems.room(); i++) {
            GraphEdge edge = chunk.edges().get(i);
            String at = "edges[" + i + "]";
            if (edge == null) {
                problems.add(at + " is null");
                continue;
            }
            problems.text(at + ".from", edge.from(), true, FindingBounds.RESOURCE);
            problems.text(at + ".to", edge.to(), true, FindingBounds.RESOURCE);
            problems.text(at + ".action", edge.action(), false, FindingBounds.ACTION);
            if (edge.type() == EdgeType.HAS_FINDING) {
                problems.add(at + ".type is one scanners may not send");
            }
        }
        problems.throwIfAny();
    }

    private static void finding(NormalizedFinding f, String at, Problems problems) {
        if (f == null) {
            problems.add(at + " is null");
            return;
        }
        problems.text(at + ".tool", f.tool(), true, FindingBounds.NAME);
        problems.text(at + ".checkId", f.checkId(), true, FindingBounds.CHECK_ID);
        problems.text(at + ".control", f.control(), true, FindingBounds.CONTROL);
        problems.text(at + ".title", f.title(), false, FindingBounds.TITLE);
        problems.text(at + ".description", f.description(), false, FindingBounds.TEXT);
        problems.text(at + ".remediation", f.remediation(), false, FindingBounds.TEXT);
        problems.text(at + ".provider", f.provider(), false, FindingBounds.NAME);
        problems.text(at + ".account", f.account(), false, FindingBounds.ACCOUNT);
        problems.text(at + ".region", f.region(), false, FindingBounds.REGION);
        problems.text(at + ".namespace", f.namespace(), false, FindingBounds.NAMESPACE);
        problems.text(at + ".resourceType", f.resourceType(), false, FindingBounds.RESOURCE_TYPE);
        problems.text(at + ".resource", f.resource(), true, FindingBounds.RESOURCE);
        if (f.compliance().size() > FindingBounds.FRAMEWORKS) {
            problems.add(at + ".compliance has more than " + FindingBounds.FRAMEWORKS + " frameworks");
        }
        for (Map.Entry<String, List<String>> framework : f.compliance().entrySet()) {
            problems.text(at + ".compliance (a framework)", framework.getKey(), true, FindingBounds.COMPLIANCE_ID);
            Collection<String> ids = framework.getValue() == null ? List.of() : framework.getValue();
            if (ids.size() > FindingBounds.REQUIREMENTS) {
                problems.add(at + ".compliance has a framework with more than " + FindingBounds.REQUIREMENTS + " requirements");
            }
            for (String id : ids) {
                problems.text(at + ".compliance (a requirement)", id, true, FindingBounds.COMPLIANCE_ID);
            }
        }
        if (f.locations().size() > FindingBounds.LOCATIONS) {
            problems.add(at + ".locations has more than " + FindingBounds.LOCATIONS + " entries");
        }
        for (String place : f.locations()) {
            problems.text(at + ".locations (an entry)", place, true, FindingBounds.LOCATION);
        }
        if (f.fingerprint() == null) {
            problems.add(at + ".fingerprint is required");
        } else if (f.control() != null && !f.fingerprint().equals(Fingerprints.of(f.control(), f.account(), f.resource()))) {
            problems.add(at + ".fingerprint does not match its control, account and resource");
        }
    }

    /** The first few problems of a chunk, each named once. */
    private static final class Problems {

        private final List<String> found = new ArrayList<>();

        boolean room() {
            return found.size() < MAX_PROBLEMS;
        }

        void add(String problem) {
            if (room() && !found.contains(problem)) {
                found.add(problem);
            }
        }

        void text(String field, String value, boolean required, int max) {
            if (value == null || (required && value.isBlank())) {
                if (required) {
                    add(field + " is required");
                }
            } else if (value.length() > max) {
                add(field + " is longer than " + max + " characters");
            } else if (value.indexOf('\0') >= 0) {
                add(field + " contains a NUL character");
            }
        }

        void throwIfAny() {
            if (!found.isEmpty()) {
                throw new InvalidInput("invalid chunk: " + String.join("; ", found));
            }
        }
    }
}
