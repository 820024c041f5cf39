package io.nubicustos.operator.crd.cel;

import java.util.ArrayList;
import java.util.List;

import io.nubicustos.operator.crd.RepositoryFiles;

/** The rules of every CRD file a cluster may get: crds/ and the chart's copy. */
final class CrdRules {

    private CrdRules() {
    }

    static List<CrdRule> all() {
        List<CrdRule> rules = new ArrayList<>();
        RepositoryFiles.crdFiles().forEach((file, crd) -> rules.addAll(
                CrdRule.in(file, crd.getSpec().getNames().getKind(), RepositoryFiles.schema(crd))));
        return rules;
    }

    /** The rules of the CRDs in crds/, which the chart's copies must equal. */
    static List<CrdRule> inCrdsFolder() {
        return all().stream().filter(r -> r.crd().startsWith("crds/")).toList();
    }
}
