/*
 * Library stub for KeY 2.12.3, whose built-in Java library (JavaRedux) has no java.lang.Override:
 * without it every @Override in spec/ or model/ is a type error. An annotation has no behaviour.
 */
package java.lang;

public @interface Override {
}
