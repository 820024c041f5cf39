package io.nubicustos.api.v1alpha1.scanjob;

import java.util.ArrayList;
import java.util.List;

import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.Patterns;
import io.nubicustos.api.v1alpha1.common.SchemaChecks;

/**
 * Everything the ScanJob CRD enforces, in Java: required fields, patterns, CEL rules, and the
 * argument checks that are too costly for CEL. The operator applies it before every run and the
 * findings API before it creates a ScanJob, so neither relies on the API server alone.
 */
public final class ScanJobValidator {

    private ScanJobValidator() {
    }

    public static List<String> validate(ScanJobSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec == null) {
            problems.add("spec is required");
            return problems;
        }
        SchemaChecks.required(problems, "spec.tool", spec.getTool());
        SchemaChecks.required(problems, "spec.provider", spec.getProvider());
        SchemaChecks.pattern(problems, "spec.schedule", spec.getSchedule(), Patterns.CRON);
        SchemaChecks.pattern(problems, "spec.timeZone", spec.getTimeZone(), Patterns.TIME_ZONE);
        SchemaChecks.pattern(problems, "spec.timeout", spec.getTimeout(), Patterns.DURATION);
        SchemaChecks.maxLength(problems, "spec.timeout", spec.getTimeout(), Bounds.DURATION);
        SchemaChecks.maxLength(problems, "spec.image", spec.getImage(), Bounds.IMAGE);
        SchemaChecks.pattern(problems, "spec.image", spec.getImage(), Patterns.IMAGE_BY_DIGEST);
        SchemaChecks.reference(problems, "spec.credentialRef", spec.getCredentialRef());
        SchemaChecks.reference(problems, "spec.segmentRef", spec.getSegmentRef());
        if (spec.getTool() != null && spec.getProvider() != null) {
            problems.addAll(ScanJobRules.SPEC.violations(spec));
        }
        problems.addAll(ScanArgs.problems(spec.getTool(), spec.getArgs()));
        return problems;
    }
}
