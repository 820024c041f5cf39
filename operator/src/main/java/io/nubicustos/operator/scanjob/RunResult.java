package io.nubicustos.operator.scanjob;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.api.v1alpha1.scanjob.FindingCounts;

/**
 * The finding counts a run reports. The scanner container writes them, after a successful upload,
 * as its termination message ({@code {"critical":1,"high":4,...}}); the kubelet keeps it in the
 * pod status, so the operator learns them without a call to the API and without reading logs.
 */
public final class RunResult {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 4096;

    private RunResult() {
    }

    public static Optional<FindingCounts> counts(String terminationMessage) {
        if (terminationMessage == null || terminationMessage.isBlank() || terminationMessage.length() > MAX_MESSAGE) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(terminationMessage);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            FindingCounts counts = new FindingCounts();
            counts.setCritical(count(node, "critical"));
            counts.setHigh(count(node, "high"));
            counts.setMedium(count(node, "medium"));
            counts.setLow(count(node, "low"));
            counts.setInfo(count(node, "info"));
            return Optional.of(counts);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static Long count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : 0L;
    }
}
