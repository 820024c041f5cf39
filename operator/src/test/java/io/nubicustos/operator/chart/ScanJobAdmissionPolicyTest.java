package io.nubicustos.operator.chart;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.Quantity;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobSpec;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicy;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicyCheck;
import io.nubicustos.operator.crd.RepositoryFiles;
import io.nubicustos.operator.crd.cel.CelValues;

/**
 * The chart's ValidatingAdmissionPolicy, rendered with an admin's values and evaluated with
 * CEL-Java on ScanJobs as the API server hands them to it (defaulted, typed from the CRD): it must
 * refuse what the operator's and the API's ScanPolicyCheck refuse, and let through what they let
 * through. Kubernetes' quantity library is not in CEL-Java: {@code quantity()} and
 * {@code compareTo} are bound here to Fabric8's Quantity, which parses the same suffixes.
 */
class ScanJobAdmissionPolicyTest {

    static final String ALLOWED = "registry.example/prowler:5.13.1@sha256:" + "a".repeat(64);
    static final String VALUES = """
            scans:
              allowedImages: {prowler: ["%s"]}
              limits: {maxCpu: "2", maxMemory: 4Gi, maxTimeout: 3h, maxBackoffLimit: 2, minScheduleInterval: 1h}
              toolLimits: {checkov: {maxCpu: 500m, maxTimeout: 30m, maxBackoffLimit: 1}}
            """.formatted(ALLOWED);
    static final ScanPolicy.Caps CAPS = new ScanPolicy.Caps(new Quantity("2"), new Quantity("4Gi"), java.time.Duration.ofHours(3), 2);
    static final ScanPolicy POLICY = new ScanPolicy(Map.of("prowler", List.of(ALLOWED)), CAPS, java.time.Duration.ofHours(1),
            Map.of("checkov", new ScanPolicy.Caps(new Quantity("500m"), new Quantity("4Gi"), java.time.Duration.ofMinutes(30), 1)));

    static final CelOptions OPTIONS = CelOptions.newBuilder().enableHomogeneousLiterals(false)
            .enableHeterogeneousNumericComparisons(true).build();
    static final CelType QUANTITY = OpaqueType.create("kubernetes.Quantity");
    static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings())
            .addVar("object", SimpleType.DYN)
            .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addFunctionDeclarations(
                    CelFunctionDecl.newFunctionDeclaration("quantity", newGlobalOverload("quantity_string", QUANTITY, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("compareTo",
                            newMemberOverload("quantity_compareTo_quantity", SimpleType.INT, QUANTITY, QUANTITY)))
            .build();
    static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings())
            .addFunctionBindings(
                    CelFunctionBinding.from("quantity_string", String.class, Quantity::new),
                    CelFunctionBinding.from("quantity_compareTo_quantity", Quantity.class, Quantity.class,
                            (a, b) -> (long) Integer.signum(a.getNumericalAmount().compareTo(b.getNumericalAmount()))))
            .build();

    record Policy(Map<String, String> variables, List<String[]> validations) {
    }

    static Policy policy(String values) {
        JsonNode vap = RepositoryFiles.YAML.valueToTree(Chart.render(values).kind("ValidatingAdmissionPolicy").get(0));
        Map<String, String> variables = new LinkedHashMap<>();
        vap.at("/spec/variables").forEach(v -> variables.put(v.path("name").asText(), v.path("expression").asText()));
        List<String[]> validations = new ArrayList<>();
        vap.at("/spec/validations").forEach(v -> validations.add(new String[] { v.path("expression").asText(), v.path("message").asText(),
                v.path("messageExpression").asText() }));
        return new Policy(variables, validations);
    }

    static Object eval(String expression, Map<String, Object> input) {
        try {
            return RUNTIME.createProgram(COMPILER.compile(expression).getAst()).eval(input);
        } catch (Exception e) {
            throw new AssertionError("CEL-Java refuses or fails on " + expression + ": " + e.getMessage(), e);
        }
    }

    /** The messages of the validations the policy fails this ScanJob spec with. */
    static List<String> refusals(Policy policy, String spec) throws Exception {
        JsonNode scanJob = RepositoryFiles.YAML.readTree("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: s, namespace: tenant}
                spec: %s
                """.formatted(spec));
        JsonNode schema = RepositoryFiles.schema(RepositoryFiles.crd("scanjobs"));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("object", CelValues.of(scanJob, schema));
        Map<String, Object> variables = new LinkedHashMap<>();
        input.put("variables", variables);
        policy.variables().forEach((name, expression) -> variables.put(name, eval(expression, input)));
        List<String> refused = new ArrayList<>();
        for (String[] validation : policy.validations()) {
            if (!Boolean.TRUE.equals(eval(validation[0], input))) {
                String message = validation[2].isEmpty() ? validation[1] : (String) eval(validation[2], input);
                refused.add(message + " [" + validation[0] + "]");
            }
        }
        return refused;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "the catalogue image                | {tool: prowler, provider: aws, credentialRef: {name: aws}}",
        "an allowed image pinned by digest  | {tool: prowler, provider: aws, credentialRef: {name: aws}, image: '" + "registry.example/prowler:5.13.1@sha256:"
                + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'}",
        "resources at the caps              | {tool: trivy, provider: kubernetes, resources: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: 2, memory: 4Gi}}}",
        "timeout and retries at the caps    | {tool: trivy, provider: kubernetes, timeout: 3h, backoffLimit: 2}",
        "an hourly schedule                 | {tool: trivy, provider: kubernetes, schedule: '15 * * * *'}",
        "a weekly macro                     | {tool: trivy, provider: kubernetes, schedule: '@weekly'}",
        "checkov at its own caps            | {tool: checkov, provider: aws, resources: {limits: {cpu: 500m, memory: 4Gi}}, timeout: 30m, backoffLimit: 1}"})
    void admissionLetsThroughWhatThePolicyAllows(String what, String spec) throws Exception {
        assertThat(refusals(policy(VALUES), spec)).isEmpty();
        assertThat(ScanPolicyCheck.violations(spec(spec), POLICY)).as("the operator and the API agree").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a tenant's image with the credential   | spec.image | {tool: prowler, provider: aws, credentialRef: {name: aws}, image: 'attacker.example/exfil@sha256:"
                + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'}",
        "another tool's allowed image           | spec.image | {tool: trivy, provider: kubernetes, image: '" + "registry.example/prowler:5.13.1@sha256:"
                + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'}",
        "64 CPUs as a number                    | spec.resources | {tool: trivy, provider: kubernetes, resources: {limits: {cpu: 64}}}",
        "2001m of CPU                           | spec.resources | {tool: trivy, provider: kubernetes, resources: {requests: {cpu: 2001m}}}",
        "512Gi of memory                        | spec.resources | {tool: trivy, provider: kubernetes, resources: {limits: {memory: 512Gi}}}",
        "a timeout of 999999h                   | spec.timeout | {tool: trivy, provider: kubernetes, timeout: 999999h}",
        "three hours and a second               | spec.timeout | {tool: trivy, provider: kubernetes, timeout: 3h0m1s}",
        "ten retries                            | spec.backoffLimit | {tool: trivy, provider: kubernetes, backoffLimit: 10}",
        "every minute                           | spec.schedule | {tool: trivy, provider: kubernetes, schedule: '* * * * *'}",
        "every five minutes                     | spec.schedule | {tool: trivy, provider: kubernetes, schedule: '*/5 * * * *'}",
        "checkov with the CPUs trivy may have   | spec.resources | {tool: checkov, provider: aws, resources: {limits: {cpu: 2}}}",
        "checkov for longer than its own cap    | spec.timeout | {tool: checkov, provider: aws, timeout: 1h}",
        "checkov with a retry it may not have   | spec.backoffLimit | {tool: checkov, provider: aws, backoffLimit: 2}"})
    void admissionRefusesWhatThePolicyRefusesNamingTheField(String what, String field, String spec) throws Exception {
        assertThat(refusals(policy(VALUES), spec)).singleElement().satisfies(m -> assertThat(m).startsWith(field)
                .doesNotContain("attacker.example"));
        assertThat(ScanPolicyCheck.violations(spec(spec), POLICY)).as("the operator and the API agree").isNotEmpty();
    }

    @Test
    void withNoImagesAllowedEverySpecImageIsRefused() throws Exception {
        Policy defaults = policy("{}");
        assertThat(refusals(defaults, "{tool: prowler, provider: aws, credentialRef: {name: aws}, image: '" + ALLOWED + "'}"))
                .singleElement().satisfies(m -> assertThat(m).startsWith("spec.image"));
        assertThat(refusals(defaults, "{tool: prowler, provider: aws, credentialRef: {name: aws}}")).isEmpty();
    }

    @Test
    void aMinimumIntervalBelowAnHourLeavesSchedulesToTheOperatorAndTheApi() throws Exception {
        Policy minutes = policy("scans: {limits: {maxCpu: '4', maxMemory: 8Gi, maxTimeout: 6h, maxBackoffLimit: 3, minScheduleInterval: 10m}}");
        assertThat(minutes.validations()).noneSatisfy(v -> assertThat(v[0]).contains("schedule"));
        assertThat(refusals(minutes, "{tool: trivy, provider: kubernetes, schedule: '*/15 * * * *'}")).isEmpty();
    }

    static ScanJobSpec spec(String yaml) throws Exception {
        return RepositoryFiles.YAML.readValue(yaml, ScanJobSpec.class);
    }
}
