package io.nubicustos.operator.argocd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.operator.crd.RepositoryFiles;

/**
 * Runs one of config/argocd/health/*.lua as ArgoCD's health assessment does: a fresh Lua state per
 * object, with only the libraries ArgoCD opens (package, base, table; no string, io or os), the
 * object as the global {@code obj} in its unstructured form (no null fields, numbers as numbers),
 * and the table the script returns read as {@code status} and {@code message}.
 */
final class LuaHealthCheck {

    /** What ArgoCD accepts from a health script; anything else it turns into Unknown. */
    static final Set<String> ARGOCD_STATUSES = Set.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");

    static final Path HEALTH = RepositoryFiles.root().resolve("config/argocd/health");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Health(String status, String message) {
    }

    private final String kind;
    private final String script;

    private LuaHealthCheck(String kind, String script) {
        this.kind = kind;
        this.script = script;
    }

    static LuaHealthCheck of(String kind) {
        return new LuaHealthCheck(kind, read(HEALTH.resolve(kind + ".lua")));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The health of a resource given as its Java type (ScanJob, CloudCredential, NetworkSegment). */
    Health assess(Object resource) {
        try {
            return assess(JSON.readTree(SERIALIZATION.asJson(resource)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Health assess(JsonNode object) {
        if (!kind.equals(object.path("kind").asText())) {
            throw new IllegalArgumentException("the " + kind + " check got a " + object.path("kind"));
        }
        Globals globals = new Globals();
        globals.load(new JseBaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        LoadState.install(globals);
        LuaC.install(globals);
        globals.set("obj", lua(object));
        LuaValue result = globals.load(script, kind + ".lua").call();
        if (!result.istable()) {
            throw new AssertionError(kind + ".lua returned " + result.typename() + ", not a table");
        }
        LuaValue message = result.get("message");
        return new Health(result.get("status").optjstring(null), message.isnil() ? null : message.tojstring());
    }

    /** JSON as ArgoCD hands it to Lua: objects and arrays as tables, nulls absent. */
    static LuaValue lua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isNull()) {
                    table.set(field.getKey(), lua(field.getValue()));
                }
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, lua(node.get(i)));
            }
            return table;
        }
        if (node.isIntegralNumber()) {
            long value = node.asLong();
            return value == (int) value ? LuaValue.valueOf((int) value) : LuaValue.valueOf((double) value);
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        return LuaValue.valueOf(node.asText());
    }
}
