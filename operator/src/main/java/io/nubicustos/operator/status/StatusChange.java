package io.nubicustos.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Compares statuses by content, so a reconciler patches status only when something changed. */
public final class StatusChange {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusChange() {
    }

    public static boolean changed(Object before, Object after) {
        JsonNode a = before == null ? null : MAPPER.valueToTree(before);
        JsonNode b = after == null ? null : MAPPER.valueToTree(after);
        return a == null ? b != null : !a.equals(b);
    }

    /** A deep copy, so the reconciler can build the next status without touching the cached resource. */
    public static <T> T copy(T status, Class<T> type) {
        try {
            return status == null ? type.getDeclaredConstructor().newInstance() : MAPPER.convertValue(status, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("status type " + type.getName() + " needs a no-arg constructor", e);
        }
    }
}
