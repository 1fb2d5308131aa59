/**
 * Positive controls: the corrected twins of wrong/WrongContracts.java. MustNotProveTest requires
 * every contract here to close, so the must-not-prove results show the bugs, not a broken setup.
 */
public final class RightContracts {
    private long counter;

    /*@ public normal_behavior
      @ requires 0 <= a && a <= 1000000 && 0 <= b && b <= 1000000;
      @ ensures \result == a + b;
      @ assignable \nothing;
      @*/
    public static int add(int a, int b) {
        return a + b;
    }

    /*@ public normal_behavior
      @ requires n >= 0 && n < 0x10000000000L;
      @ ensures \result == n * 4096;
      @ assignable \nothing;
      @*/
    public static long frameStart(long n) {
        return n * 4096;
    }

    /*@ public normal_behavior
      @ requires a >= 0;
      @ ensures \result * 4096 <= a && a - \result * 4096 < 4096;
      @ assignable \nothing;
      @*/
    public static long pageNumber(long a) {
        return a / 4096;
    }

    /*@ public normal_behavior
      @ requires a >= 0;
      @ ensures \result == (a / 4096) % 512;
      @ ensures 0 <= \result && \result < 512;
      @ assignable \nothing;
      @*/
    public static long p1Index(long a) {
        return (a / 4096) % 512;
    }

    /*@ public normal_behavior
      @ requires a >= 0;
      @ ensures 0 <= \result && \result < 4096;
      @ also
      @ public normal_behavior
      @ requires a < 0;
      @ ensures -4096 < \result && \result <= 0;
      @*/
    public static long pageOffset(long a) {
        return a % 4096;
    }

    /*@ public normal_behavior
      @ requires a >= 0;
      @ ensures \result == a;
      @ assignable \nothing;
      @ also
      @ public exceptional_behavior
      @ requires a < 0;
      @ signals_only IllegalArgumentException;
      @ assignable \nothing;
      @*/
    public static long checked(long a) {
        if (a < 0) {
            throw new IllegalArgumentException("negative");
        }
        return a;
    }

    /*@ public normal_behavior
      @ requires 0 <= counter && counter < 1000;
      @ ensures \result == \old(counter) && counter == \old(counter) + 1;
      @ assignable counter;
      @*/
    public long bump() {
        long old = counter;
        counter = counter + 1;
        return old;
    }

    /*@ public normal_behavior
      @ requires a != null && a.length > 0;
      @ ensures \result == a.length;
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
