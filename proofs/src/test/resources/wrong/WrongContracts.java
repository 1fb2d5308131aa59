/**
 * Must-not-prove fixtures: every contract here is false, and MustNotProveTest fails if KeY closes
 * any of them. Each method has a twin in right/RightContracts.java that differs only in the bug,
 * so an open result here is due to the bug, not to KeY being unable to prove that kind of claim.
 */
public final class WrongContracts {
    private long counter;

    /**
     * Ignores overflow: Integer.MAX_VALUE + 1 overflows in Java. Provable only under
     * intRules:arithmeticSemanticsIgnoringOF, which is exactly what this fixture guards against.
     */
    /*@ public normal_behavior
      @ ensures \result == a + b;
      @ assignable \nothing;
      @*/
    public static int add(int a, int b) {
        return a + b;
    }

    /**
     * Ignores overflow on long: n = 2^62 makes n * 4096 overflow.
     */
    /*@ public normal_behavior
      @ requires n >= 0;
      @ ensures \result == n * 4096;
      @ assignable \nothing;
      @*/
    public static long frameStart(long n) {
        return n * 4096;
    }

    /**
     * Off by one on a division by 4096: the offset inside the page can be 4095.
     * Counterexample: a = 4095 gives 0, and 4095 - 0 < 4095 is false.
     */
    /*@ public normal_behavior
      @ requires a >= 0;
      @ ensures \result * 4096 <= a && a - \result * 4096 < 4095;
      @ assignable \nothing;
      @*/
    public static long pageNumber(long a) {
        return a / 4096;
    }

    /**
     * Wrong index extraction: the level-1 index (bits 12..20) claimed equal to the level-2 index
     * (bits 21..29). Counterexample: a = 4096 gives 1, and (4096 / 2097152) % 512 = 0.
     */
    /*@ public normal_behavior
      @ requires a >= 0;
      @ ensures \result == (a / 2097152) % 512;
      @ assignable \nothing;
      @*/
    public static long p1Index(long a) {
        return (a / 4096) % 512;
    }

    /**
     * Omits the negative case: Java's % keeps the sign of the dividend, so a = -1 gives -1.
     */
    /*@ public normal_behavior
      @ ensures 0 <= \result && \result < 4096;
      @ assignable \nothing;
      @*/
    public static long pageOffset(long a) {
        return a % 4096;
    }

    /**
     * Claims normal termination, but a negative argument throws.
     */
    /*@ public normal_behavior
      @ ensures \result == a;
      @ assignable \nothing;
      @*/
    public static long checked(long a) {
        if (a < 0) {
            throw new IllegalArgumentException("negative");
        }
        return a;
    }

    /**
     * Claims to change nothing, but writes a field.
     */
    /*@ public normal_behavior
      @ requires 0 <= counter && counter < 1000;
      @ ensures \result == \old(counter);
      @ assignable \nothing;
      @*/
    public long bump() {
        long old = counter;
        counter = counter + 1;
        return old;
    }

    /**
     * A loop invariant that is not preserved: after the loop i == a.length, not a.length - 1.
     */
    /*@ public normal_behavior
      @ requires a != null && a.length > 0;
      @ ensures \result == a.length - 1;
      @ assignable \nothing;
      @*/
    public static int countUp(long[] a) {
        int i = 0;
        /*@ loop_invariant 0 <= i && i <= a.length;
          @ decreases a.length - i;
          @ assignable \nothing;
          @*/
        while (i < a.length) {
            i++;
        }
        return i;
    }
}
