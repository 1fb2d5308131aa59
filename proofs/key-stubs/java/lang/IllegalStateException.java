/*
 * Library stub for KeY 2.12.3, whose built-in Java library (JavaRedux) lacks this class.
 * Stub bodies are not read by KeY, so every constructor carries the contract of its JavaRedux
 * siblings (see java.lang.Throwable there): it only records message and cause. Trusted, not proved.
 */
package java.lang;

public class IllegalStateException extends RuntimeException {
    /*@ public normal_behavior
      @ ensures message == null && cause == null;
      @ assignable message, cause;
      @*/
    public IllegalStateException();

    /*@ public normal_behavior
      @ ensures message == s && cause == null;
      @ assignable message, cause;
      @*/
    public IllegalStateException(String s);
}
