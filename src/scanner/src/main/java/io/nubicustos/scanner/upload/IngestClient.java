package io.nubicustos.scanner.upload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.model.ingest.CompletionResult;
import io.nubicustos.model.ingest.IngestCompletion;
import io.nubicustos.model.ingest.IngestPaths;

/**
 * Talks to the findings API's ingest endpoint with the run's upload token. Transient failures
 * (connection refused or reset, timeouts, 429, 5xx) are retried with exponential backoff and
 * jitter; a refusal (400, 401, 409) is final. The token is never printed.
 */
public final class IngestClient {

    /** A refusal that retrying cannot fix, or retries exhausted. */
    public static final class UploadException extends IOException {
        public UploadException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpClient http;
    private final String base;
    private final String runId;
    private final String token;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Consumer<String> log;

    public IngestClient(String apiUrl, String runId, String token, int maxAttempts, Duration firstBackoff, Duration maxBackoff,
            Consumer<String> log) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        String base = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.base = base;
        this.runId = runId;
        this.token = token;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.log = log;
    }

    public String sendChunk(int n, byte[] body) throws IOException, InterruptedException {
        return post(base + IngestPaths.chunk(runId, n), body, "chunk " + n);
    }

    /**
     * @param emptyResult the run read a whole report that stands for a scan and it held nothing to
     *        upload: only then may a run without findings resolve those its ScanJob saw before
     */
    public CompletionResult complete(String outcome, int chunks, boolean emptyResult) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(new IngestCompletion(outcome, chunks, emptyResult));
        String answer = post(base + IngestPaths.complete(runId), body, "completion");
        try {
            return JSON.readValue(answer, CompletionResult.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Never Jackson's message: it would quote the answer.
            throw new UploadException("completion answered with something that is not a completion result");
        }
    }

    private String post(String uri, byte[] body, String what) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Duration backoff = firstBackoff;
        for (int attempt = 1;; attempt++) {
            String problem;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body();
                }
                if (status != 429 && status < 500) {
                    throw new UploadException(what + " refused: HTTP " + status + " " + brief(response.body()));
                }
                problem = "HTTP " + status;
            } catch (UploadException e) {
                throw e;
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
            }
            if (attempt >= maxAttempts) {
                throw new UploadException(what + " failed after " + attempt + " attempts: " + problem);
            }
            long jittered = backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1);
            log.accept("scanner: " + what + ": " + problem + ", retrying in " + jittered + " ms (attempt " + attempt + " of " + maxAttempts + ")");
            Thread.sleep(jittered);
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    /** The API's own message (short and sanitized by the API), bounded. */
    private static String brief(String body) {
        if (body == null) {
            return "";
        }
        int at = body.indexOf("\"message\":\"");
        String message = at < 0 ? body : body.substring(at + 11, Math.max(at + 11, body.indexOf('"', at + 11)));
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
