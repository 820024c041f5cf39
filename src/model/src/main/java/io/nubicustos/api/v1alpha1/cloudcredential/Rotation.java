package io.nubicustos.api.v1alpha1.cloudcredential;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.Patterns;

public class Rotation {

    @Pattern(Patterns.DURATION_WITH_DAYS)
    @Size(max = Bounds.DURATION)
    @Default("90d")
    @JsonPropertyDescription("Age after which the RotationDue condition turns true, e.g. 90d. Counted from the Secret's creation or its nubicustos.io/rotated-at annotation.")
    private String maxAge = "90d";

    public String getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(String maxAge) {
        this.maxAge = maxAge;
    }
}
