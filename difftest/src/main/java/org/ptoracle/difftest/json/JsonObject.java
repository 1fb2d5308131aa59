package org.ptoracle.difftest.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A JSON object (immutable) whose members keep the order they were written or added in. */
public final class JsonObject implements JsonValue {
    private final Map<String, JsonValue> members;

    private JsonObject(LinkedHashMap<String, JsonValue> members) {
        this.members = Collections.unmodifiableMap(members);
    }

    /** A builder; {@link Builder#put} keeps insertion order and refuses a key given twice. */
    public static Builder builder() {
        return new Builder();
    }

    /** The object of one member. */
    public static JsonObject of(String key, JsonValue value) {
        return builder().put(key, value).build();
    }

    /** The value of {@code key}, or null when absent. */
    public JsonValue get(String key) {
        return members.get(key);
    }

    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** The keys, in order. */
    public Set<String> keys() {
        return members.keySet();
    }

    /** The members, in order (unmodifiable). */
    public Map<String, JsonValue> members() {
        return members;
    }

    public int size() {
        return members.size();
    }

    @Override
    public String typeName() {
        return "object";
    }

    /** Equal members in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof JsonObject o && members.equals(o.members)
                && members.keySet().stream().toList().equals(o.members.keySet().stream().toList());
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Builds a {@link JsonObject}. */
    public static final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a member; a key given twice is an error. */
        public Builder put(String key, JsonValue value) {
            Objects.requireNonNull(key);
            Objects.requireNonNull(value);
            if (members.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("duplicate key " + key);
            }
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, new JsonString(value));
        }

        public Builder put(String key, long value) {
            return put(key, JsonNumber.of(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, JsonBoolean.of(value));
        }

        public boolean has(String key) {
            return members.containsKey(key);
        }

        public JsonObject build() {
            return new JsonObject(new LinkedHashMap<>(members));
        }
    }
}
