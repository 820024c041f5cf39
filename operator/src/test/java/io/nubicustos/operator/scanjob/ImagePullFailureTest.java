package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

class ImagePullFailureTest {

    @Test
    void aBackOffOrAnInvalidNameEndsTheRunNamingContainerImageAndReason() {
        assertThat(ImagePullFailure.of(List.of(pod(waiting("tool", "ghcr.io/x/scoutsuite:5.14.0", "ImagePullBackOff")))))
                .hasValueSatisfying(e -> {
                    assertThat(e.outcome()).isEqualTo(RunCompletions.FAILED);
                    assertThat(e.reason()).isEqualTo("ImagePullFailed");
                    assertThat(e.message()).contains("ghcr.io/x/scoutsuite:5.14.0", "tool", "ImagePullBackOff");
                });
        assertThat(ImagePullFailure.of(List.of(pod(waiting("scanner", "bad image", "InvalidImageName"))))).isPresent();
    }

    @Test
    void aFirstPullErrorOrAnyOtherWaitIsNotYetAFailure() {
        assertThat(ImagePullFailure.of(List.of(pod(waiting("tool", "aquasec/trivy:0.67.2", "ErrImagePull"))))).isEmpty();
        assertThat(ImagePullFailure.of(List.of(pod(waiting("tool", "aquasec/trivy:0.67.2", "PodInitializing"))))).isEmpty();
        assertThat(ImagePullFailure.of(List.of(new PodBuilder().withNewMetadata().withName("p").endMetadata().build()))).isEmpty();
        assertThat(ImagePullFailure.of(List.of())).isEmpty();
    }

    private static Pod pod(ContainerStatus init) {
        return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus().withInitContainerStatuses(init)
                .withContainerStatuses(waiting("scanner", "ghcr.io/nubicustos/scanner:0.1.0", "PodInitializing")).endStatus().build();
    }

    private static ContainerStatus waiting(String name, String image, String reason) {
        return new ContainerStatusBuilder().withName(name).withImage(image).withNewState().withNewWaiting().withReason(reason).endWaiting()
                .endState().build();
    }
}
