package io.nubicustos.operator.networksegment;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.ServiceReference;

/**
 * The cert-manager Certificates of the segment's services that live in its namespaces
 * ({@link CertificateRenderer}'s output); none without spec.tls. Active only while cert-manager's
 * CRD is installed ({@link CertManagerInstalled}), so its informer is registered then, not before.
 */
@KubernetesDependent(useSSA = BooleanWithUndefined.FALSE, informer = @Informer(labelSelector = SegmentOwned.MANAGED_SELECTOR))
public class SegmentCertificates extends SegmentOwned<Certificate> {

    public SegmentCertificates() {
        super(Certificate.class);
    }

    @Override
    protected List<Certificate> render(NetworkSegment segment, SegmentView view) {
        var tls = segment.getSpec().getTls();
        if (tls == null) {
            return List.of();
        }
        return tls.getServices().stream()
                .filter(service -> view.namespaces().contains(service.getNamespace()))
                .map(service -> CertificateRenderer.render(segment, service, view.env()))
                .toList();
    }

    /** The services that get no Certificate: they live outside the segment's namespaces. */
    static List<String> outside(List<ServiceReference> services, List<String> namespaces) {
        return services.stream().filter(service -> !namespaces.contains(service.getNamespace()))
                .map(service -> service.getNamespace() + "/" + service.getName()).toList();
    }

    /** How many of the wanted Certificates cert-manager says are Ready. */
    static long issued(Stream<Certificate> certificates, Set<ResourceID> wanted) {
        return certificates.filter(c -> wanted.contains(ResourceID.fromResource(c)))
                .filter(c -> c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                        .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus())))
                .count();
    }

    @Override
    protected Object spec(Certificate certificate) {
        return certificate.getSpec();
    }
}
