package org.ptoracle.difftest.json;

/** {@code null}. */
public enum JsonNull implements JsonValue {
    INSTANCE;

    @Override
    public String typeName() {
        return "null";
    }
}
