package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.nubicustos.testing.BenchReport;

/** Parse + normalize throughput on a generated Prowler OCSF report of one million findings, and the heap it needs. */
class ParseBench {

    static final int FINDINGS = 1_000_000;

    @TempDir
    Path tmp;

    @Test
    void millionFindingProwlerReport() throws Exception {
        Path report = tmp.resolve("prowler.ocsf.json");
        Random random = new Random(42);
        String[] severities = { "Critical", "High", "Medium", "Low", "Informational" };
        try (BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
            out.write('[');
            for (int i = 0; i < FINDINGS; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write("{\"metadata\":{\"event_code\":\"check_" + (i % 400) + "\",\"product\":{\"name\":\"Prowler\"}},"
                        + "\"severity\":\"" + severities[random.nextInt(5)] + "\",\"status_code\":\"" + (i % 10 == 0 ? "PASS" : "FAIL") + "\","
                        + "\"finding_info\":{\"title\":\"Check " + (i % 400) + " failed\",\"uid\":\"f-" + i + "\"},"
                        + "\"risk_details\":\"Risk of check " + (i % 400) + "\",\"remediation\":{\"desc\":\"Fix it\"},"
                        + "\"cloud\":{\"provider\":\"aws\",\"account\":{\"uid\":\"1234567890" + (i % 7) + "\"}},"
                        + "\"resources\":[{\"uid\":\"arn:aws:s3:::bucket-" + i + "\",\"region\":\"eu-west-1\",\"type\":\"AwsS3Bucket\"}],"
                        + "\"unmapped\":{\"compliance\":{\"CIS-3.0\":[\"2.1." + (i % 5) + "\"]}}}");
            }
            out.write(']');
        }
        long bytes = Files.size(report);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long[] findings = new long[1];
        long start = System.nanoTime();
        var summary = new ProwlerOcsfParser().parse(report, f -> findings[0]++);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();

        new BenchReport("parse", "bounded memory: runs with -Xmx256m whatever the report size; findings/s as high as possible")
                .figure("report_mib", bytes >> 20)
                .figure("findings", summary.findings())
                .figure("passed", summary.passed())
                .figure("parse_normalize_findings_per_s", Math.round(summary.findings() / seconds))
                .figure("parse_mib_per_s", Math.round((bytes >> 20) / seconds))
                .figure("peak_heap_mib", peakHeap >> 20)
                .write();
        assertThat(findings[0]).isEqualTo(900_000);
    }
}
