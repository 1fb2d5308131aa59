package org.ptoracle.difftest.json;

/**
 * One JSON value, as {@link JsonParser} reads it and {@link JsonWriter} writes it. Objects keep the
 * order of their members; numbers keep their exact decimal value, so that a reader can tell a value
 * of 2^64 or more, or a negative one, from a 64-bit one.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {
    /** "object", "array", "string", "number", "boolean" or "null": for error messages. */
    String typeName();

    /** This value as one line of compact JSON (see {@link JsonWriter}). */
    default String toJson() {
        return JsonWriter.write(this);
    }
}
