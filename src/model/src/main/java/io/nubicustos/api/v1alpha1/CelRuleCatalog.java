package io.nubicustos.api.v1alpha1;

import java.util.List;

import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialRules;
import io.nubicustos.api.v1alpha1.common.CelRules;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentRules;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobRules;

/** Every CEL rule of the three CRDs, grouped by the type it applies to. Tests hold the CRDs to this list. */
public final class CelRuleCatalog {

    private CelRuleCatalog() {
    }

    public static List<CelRules<?>> all() {
        return List.of(
                ScanJobRules.SPEC,
                CloudCredentialRules.SPEC, CloudCredentialRules.AWS, CloudCredentialRules.AZURE,
                NetworkSegmentRules.SEGMENT, NetworkSegmentRules.SPEC, NetworkSegmentRules.PORT, NetworkSegmentRules.TLS);
    }
}
