package io.nubicustos.operator.status;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nubicustos.model.kubernetes.Labels;

/**
 * Publishes core/v1 Events about the custom resources, for {@code kubectl describe}. Callers
 * publish on transitions only, never on every reconcile. Messages are built by the operator
 * from names and reasons, never from secret material.
 */
@ApplicationScoped
public class KubernetesEvents {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    static final String COMPONENT = Labels.OPERATOR;

    private static final Logger LOG = Logger.getLogger(KubernetesEvents.class);

    private final KubernetesClient client;
    private final Clock clock;

    public KubernetesEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void publish(HasMetadata target, String type, String reason, String message) {
        String namespace = target.getMetadata().getNamespace() != null ? target.getMetadata().getNamespace() : "default";
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withGenerateName(target.getMetadata().getName() + ".")
                .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(target.getApiVersion())
                        .withKind(target.getKind())
                        .withName(target.getMetadata().getName())
                        .withNamespace(target.getMetadata().getNamespace())
                        .withUid(target.getMetadata().getUid())
                        .withResourceVersion(target.getMetadata().getResourceVersion())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy: failing to record one must not fail the reconcile.
            LOG.debugf("could not record %s event %s for %s/%s: %s", type.toLowerCase(Locale.ROOT), reason,
                    target.getKind(), target.getMetadata().getName(), e.getCode());
        }
    }
}
