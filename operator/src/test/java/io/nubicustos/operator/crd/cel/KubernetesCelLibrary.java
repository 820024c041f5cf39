package io.nubicustos.operator.crd.cel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

/**
 * Functions of the API server's CEL libraries that CEL-Java does not have, declared for the
 * type checker only: a rule using them is still type-checked against the schema, but CEL-Java
 * cannot evaluate it, so the operator's Java twin of that rule (CelRuleCatalog, judged on the
 * shared verdict table) stays its only evaluation. Declared: the Kubernetes list library
 * ({@code isSorted}, {@code sum}, {@code min}, {@code max}, {@code indexOf}, {@code lastIndexOf}
 * on lists), regex {@code find}/{@code findAll}, and the validity checks {@code isURL},
 * {@code isQuantity}, {@code isIP}, {@code isCIDR}. Not declared, so refused here until
 * someone declares them: {@code url()}, {@code quantity()}, {@code ip()}, {@code cidr()} with
 * their member functions, {@code format}, {@code authorizer} and {@code semver}. CEL-Java has the
 * rest of what the rules use: {@code has}, {@code in}, {@code size}, comparisons,
 * {@code duration()} and {@code timestamp()} (standard CEL), and the strings and sets
 * extensions, which the API server also enables.
 */
final class KubernetesCelLibrary {

    /** Overload ids of the declarations below start with this, apart from CEL-Java's (the strings extension has indexOf). */
    private static final String PREFIX = "kubernetes_";

    private static final TypeParamType T = TypeParamType.create("T");
    private static final CelType LIST_T = ListType.create(T);
    private static final CelType STRINGS = ListType.create(SimpleType.STRING);

    static final List<CelFunctionDecl> DECLARATIONS = List.of(
            member("isSorted", SimpleType.BOOL, LIST_T),
            member("sum", T, LIST_T),
            member("min", T, LIST_T),
            member("max", T, LIST_T),
            member("indexOf", SimpleType.INT, LIST_T, T),
            member("lastIndexOf", SimpleType.INT, LIST_T, T),
            member("find", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING),
            CelFunctionDecl.newFunctionDeclaration("findAll",
                    newMemberOverload(PREFIX + "findAll", STRINGS, SimpleType.STRING, SimpleType.STRING),
                    newMemberOverload(PREFIX + "findAll_limit", STRINGS, SimpleType.STRING, SimpleType.STRING, SimpleType.INT)),
            global("isURL"),
            global("isQuantity"),
            global("isIP"),
            global("isCIDR"));

    private KubernetesCelLibrary() {
    }

    /** The Kubernetes-only functions a checked rule calls; empty when CEL-Java can evaluate it. */
    static Set<String> calledBy(CelAbstractSyntaxTree checked) {
        Map<String, String> functions = new HashMap<>();
        DECLARATIONS.forEach(f -> f.overloads().forEach(o -> functions.put(o.overloadId(), f.name())));
        Set<String> called = new TreeSet<>();
        checked.getReferenceMap().values().forEach(reference -> reference.overloadIds().stream()
                .filter(functions::containsKey).forEach(id -> called.add(functions.get(id))));
        return called;
    }

    private static CelFunctionDecl member(String name, CelType result, CelType target, CelType... arguments) {
        CelType[] parameters = new CelType[arguments.length + 1];
        parameters[0] = target;
        System.arraycopy(arguments, 0, parameters, 1, arguments.length);
        return CelFunctionDecl.newFunctionDeclaration(name, newMemberOverload(PREFIX + name, result, parameters));
    }

    private static CelFunctionDecl global(String name) {
        return CelFunctionDecl.newFunctionDeclaration(name, newGlobalOverload(PREFIX + name, SimpleType.BOOL, SimpleType.STRING));
    }
}
