package io.nubicustos.api.v1alpha1.networksegment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = NetworkSegmentRules.PORT_RANGE_ORDERED, message = NetworkSegmentRules.PORT_RANGE_ORDERED_MESSAGE)
public class PortRule {

    @Default("TCP")
    @JsonPropertyDescription("TCP, UDP or SCTP.")
    private Protocol protocol = Protocol.TCP;

    @Required
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Port, or first port of a range.")
    private Integer port;

    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Last port of a range (inclusive).")
    private Integer endPort;

    public Protocol getProtocol() {
        return protocol;
    }

    public void setProtocol(Protocol protocol) {
        this.protocol = protocol;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Integer getEndPort() {
        return endPort;
    }

    public void setEndPort(Integer endPort) {
        this.endPort = endPort;
    }
}
