package io.nubicustos.operator.crd.cel;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * The CEL environment of one schema node, as the API server builds it for the node's
 * x-kubernetes-validations: {@code self} typed from the node's schema (at the root with
 * apiVersion, kind and metadata.name/generateName), {@code oldSelf} too for transition rules
 * (those that reference it), the standard macros and functions, the strings and sets
 * extensions, list literals of one element type, comparisons across int, uint and double, and
 * a bool result.
 */
final class CelRuleEnvironment {

    private static final CelOptions OPTIONS = CelOptions.newBuilder()
            .enableHomogeneousLiterals(true)
            .enableHeterogeneousNumericComparisons(true)
            .build();
    private static final CelParser PARSER = CelParserFactory.standardCelParserBuilder()
            .setOptions(OPTIONS).setStandardMacros(CelStandardMacro.STANDARD_MACROS).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS).addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS)).build();

    private final CelSchemaTypes types = new CelSchemaTypes();
    private final JsonNode selfSchema;
    private final CelType selfType;

    private CelRuleEnvironment(String typeName, JsonNode schema, boolean resourceRoot) {
        this.selfSchema = resourceRoot ? CelSchemaTypes.asResourceRoot(schema) : schema;
        this.selfType = types.typeOf(typeName, selfSchema);
    }

    static CelRuleEnvironment of(CrdRule rule) {
        return new CelRuleEnvironment(rule.typeName(), rule.schema(), rule.atRoot());
    }

    /** Parses and type-checks {@code rule}; the result names every syntax and type error. */
    CelValidationResult check(String rule) {
        CelValidationResult parsed = PARSER.parse(rule);
        if (parsed.hasError()) {
            return parsed;
        }
        CelCompilerBuilder compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS))
                .addFunctionDeclarations(KubernetesCelLibrary.DECLARATIONS)
                .setTypeProvider(types)
                .setResultType(SimpleType.BOOL)
                .addVar("self", selfType);
        if (isTransitionRule(parsed)) {
            compiler.addVar("oldSelf", selfType);
        }
        return compiler.build().compile(rule);
    }

    /** The checked rule, or an AssertionError naming {@code where} and every error. */
    CelAbstractSyntaxTree checked(String rule, String where) {
        CelValidationResult result = check(rule);
        try {
            return result.getAst();
        } catch (CelValidationException e) {
            throw new AssertionError(where + " does not compile: " + rule + "\n" + result.getErrorString(), e);
        }
    }

    /** The verdict on {@code self}, a value as {@link CelValues} gives it; a transition rule sees it unchanged as {@code oldSelf}. */
    boolean holds(CelAbstractSyntaxTree checked, Object self) throws CelEvaluationException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("self", self);
        variables.put("oldSelf", self);
        Object verdict = RUNTIME.createProgram(checked).eval(variables);
        return (Boolean) verdict;
    }

    /** {@code json} as this node's rules see it (defaulted, escaped, typed). */
    Object value(JsonNode json) {
        return CelValues.of(json, selfSchema);
    }

    static boolean isTransitionRule(CelValidationResult parsed) {
        try {
            return CelNavigableAst.fromAst(parsed.getAst()).getRoot().allNodes()
                    .anyMatch(n -> n.expr().getKind() == CelExpr.ExprKind.Kind.IDENT && n.expr().ident().name().equals("oldSelf"));
        } catch (CelValidationException e) {
            return false;
        }
    }
}
