package io.nubicustos.operator.scanjob;

import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.api.v1alpha1.scanjob.FindingCounts;
import io.nubicustos.model.ingest.CompletionResult;

/**
 * The finding counts of a run: the findings API's answer to its completion, which the scanner
 * container writes as its termination message ({@link CompletionResult}); the kubelet keeps it in
 * the pod status, so the operator learns the API's tally without a call to the API and without
 * reading logs. A scanner of the previous release wrote only the counts, under the same names.
 */
public final class RunResult {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int MAX_MESSAGE = 4096;

    private RunResult() {
    }

    public static Optional<FindingCounts> counts(String terminationMessage) {
        if (terminationMessage == null || terminationMessage.isBlank() || terminationMessage.length() > MAX_MESSAGE) {
            return Optional.empty();
        }
        CompletionResult result;
        try {
            result = JSON.readValue(terminationMessage, CompletionResult.class);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (result == null) {
            return Optional.empty();
        }
        FindingCounts counts = new FindingCounts();
        counts.setCritical(count(result.critical()));
        counts.setHigh(count(result.high()));
        counts.setMedium(count(result.medium()));
        counts.setLow(count(result.low()));
        counts.setInfo(count(result.info()));
        return Optional.of(counts);
    }

    private static Long count(long value) {
        return Math.max(0L, value);
    }
}
