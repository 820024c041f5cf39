package io.nubicustos.operator.scanjob;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import io.nubicustos.api.v1alpha1.scanjob.ScanJob;

/**
 * One run of a ScanJob, identified deterministically: by the spec generation for a one-off
 * ScanJob, by the scheduled time for a scheduled one. Two operator replicas, or one restarted
 * mid-run, compute the same Job name for the same run, so a run is never started twice.
 *
 * @param id the run within its ScanJob (g1, s20261123-0400): what the ScanJob's status shows
 * @param uploadId the run among all ScanJobs (the ScanJob's UID and the id): what the scan pod uploads as,
 *        so that two ScanJobs' first runs are never taken for one
 */
public record ScanRun(String id, String jobName, Instant scheduledAt, String uploadId) {

    static final int MAX_JOB_NAME = 63;
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    public static ScanRun forGeneration(ScanJob scanJob) {
        return of(scanJob, "g" + scanJob.getMetadata().getGeneration(), null);
    }

    public static ScanRun forSlot(ScanJob scanJob, Instant slot) {
        return of(scanJob, "s" + SLOT.format(slot), slot);
    }

    private static ScanRun of(ScanJob scanJob, String id, Instant slot) {
        String name = scanJob.getMetadata().getName();
        String hash = shortHash(scanJob.getMetadata().getUid() + "/" + id);
        // Job names become the job-name pod label: 63 characters at most.
        String prefix = name.length() > MAX_JOB_NAME - 9 ? name.substring(0, MAX_JOB_NAME - 9).replaceAll("[-.]+$", "") : name;
        String uid = scanJob.getMetadata().getUid();
        String owner = uid != null ? uid : scanJob.getMetadata().getNamespace() + "-" + name;
        return new ScanRun(id, prefix + "-" + hash, slot, owner + "-" + id);
    }

    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
