package io.nubicustos.api.v1alpha1.scanjob;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How many finished run Jobs are kept; older ones are deleted (their findings stay in the API). */
public class HistoryLimit {

    @Min(0)
    @Max(100)
    @Default("3")
    @JsonPropertyDescription("Successful run Jobs to keep.")
    private Integer successful = 3;

    @Min(0)
    @Max(100)
    @Default("1")
    @JsonPropertyDescription("Failed run Jobs to keep.")
    private Integer failed = 1;

    public Integer getSuccessful() {
        return successful;
    }

    public void setSuccessful(Integer successful) {
        this.successful = successful;
    }

    public Integer getFailed() {
        return failed;
    }

    public void setFailed(Integer failed) {
        this.failed = failed;
    }
}
