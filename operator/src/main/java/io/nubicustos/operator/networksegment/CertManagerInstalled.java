package io.nubicustos.operator.networksegment;

import java.time.Duration;
import java.time.LocalDateTime;

import org.eclipse.microprofile.config.ConfigProvider;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;

/**
 * Whether cert-manager's Certificate CRD is installed: optional, so its absence is a warning, not a
 * failure. JOSDK's check, asked again after the drift-check interval whatever the last answer was
 * (JOSDK's own stops asking once the CRD is there, and after ten answers that it is not). No
 * permission to read CRDs means the operator cannot manage Certificates either: not installed. Any
 * other failure of the API server fails the reconcile, which is retried: a passing error is not taken
 * for cert-manager's absence (that would stop the Certificates' informer and warn for nothing).
 */
public class CertManagerInstalled extends CRDPresentActivationCondition<Certificate, NetworkSegment> {

    private static final int HTTP_UNAUTHORIZED = 401;
    private static final int HTTP_FORBIDDEN = 403;

    static final String CRD = "certificates.cert-manager.io";

    private final Duration interval = ConfigProvider.getConfig()
            .getOptionalValue("nubicustos.segments.drift-check-interval", Duration.class).orElse(Duration.ofMinutes(5));

    @Override
    public boolean isMet(DependentResource<Certificate, NetworkSegment> dependent, NetworkSegment segment,
            Context<NetworkSegment> context) {
        try {
            return super.isMet(dependent, segment, context);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HTTP_UNAUTHORIZED || e.getCode() == HTTP_FORBIDDEN) {
                return false;
            }
            throw e;
        }
    }

    @Override
    protected boolean shouldCheckStateNow(CRDCheckState state) {
        return state.isCrdPresent() == null || state.getLastChecked() == null
                || LocalDateTime.now().isAfter(state.getLastChecked().plus(interval));
    }
}
