package org.ptoracle.proofs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.uka.ilkd.key.java.abstraction.ArrayType;
import de.uka.ilkd.key.java.abstraction.KeYJavaType;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.speclang.Contract;

/**
 * One KeY contract (proof obligation) with its stable identifier.
 *
 * <p>The identifier is {@code <class>#<method>(<parameter types>)#<kind>.<n>}, for example
 * {@code org.ptoracle.model.Walker#walk(long,int)#normal_behavior.0}. {@code <class>} is the type the
 * contract is proved for, {@code <method>} the Java name (a constructor has the class's simple name),
 * the parameter types are Java source names without spaces, {@code <kind>} is the JML behaviour
 * ({@code normal_behavior}, {@code exceptional_behavior}, {@code behavior}, {@code model_behavior})
 * or {@code accessible} for a dependency contract, and {@code <n>} counts the contracts of that kind
 * on that method in source order. A contract inherited from an interface ends in {@code @Interface}
 * ({@code RecursivePageTable#unmap(Page)#behavior.0@Mapper}), since the interface numbers its cases
 * from 0 as well. Editing another method never changes an identifier; adding or reordering spec cases
 * of the same kind on the same method does.
 *
 * @param className fully qualified name of the type the contract is proved for
 * @param method    method name and parameter types, e.g. {@code walk(long,int)}
 * @param contract  kind and index, e.g. {@code normal_behavior.0}
 * @param key       KeY's contract
 */
public record ContractRef(String className, String method, String contract, Contract key) {

    /** The stable identifier used by the ratchet and the theorem map. */
    public String id() {
        return className + "#" + method + "#" + contract;
    }

    /** Simple class name, for the table. */
    public String simpleClassName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    /** Method with simple parameter type names, for the table: {@code mapTo(Page,PhysFrame)}. */
    public String shortMethod() {
        return method.replaceAll("[A-Za-z_$][A-Za-z0-9_$]*\\.", "");
    }

    /** Method name without parameters. */
    public String methodName() {
        int paren = method.indexOf('(');
        return paren < 0 ? method : method.substring(0, paren);
    }

    static ContractRef of(Contract c) {
        IObserverFunction target = c.getTarget();
        String name = target.name().toString();
        int sep = name.lastIndexOf("::");
        String simple = sep < 0 ? name : name.substring(sep + 2);
        List<String> params = new ArrayList<>();
        for (KeYJavaType t : target.getParamTypes()) {
            params.add(javaName(t));
        }
        String method = simple + "(" + String.join(",", params) + ")";
        String className = c.getKJT().getFullName();
        String contract = kind(c);
        // A contract inherited from an interface (Mapper's, proved for RecursivePageTable) is numbered
        // from 0 like the class's own cases: name the interface so that the two ids differ.
        String declaring = declaringType(c, sep < 0 ? className : name.substring(0, sep));
        if (!declaring.equals(className)) {
            contract = contract + "@" + declaring.substring(declaring.lastIndexOf('.') + 1);
        }
        return new ContractRef(className, method, contract, c);
    }

    /**
     * The type whose source declares the contract: KeY names a contract
     * {@code Impl[Declaring::method(..)].JML ... contract.n}; the target's own name is used when the
     * contract's name has no such part.
     */
    static String declaringType(Contract c, String fallback) {
        Matcher m = DECLARING.matcher(c.getName());
        return m.find() ? m.group(1) : fallback;
    }

    private static final Pattern DECLARING = Pattern.compile("\\[([A-Za-z0-9_.$]+)::");

    /** "JML normal_behavior operation contract" + id 0 -> "normal_behavior.0". */
    static String kind(Contract c) {
        String base = c.getName();
        int bracket = base.lastIndexOf("].");
        if (bracket >= 0) {
            base = base.substring(bracket + 2);
        }
        int dot = base.lastIndexOf('.');
        if (dot >= 0 && base.substring(dot + 1).chars().allMatch(Character::isDigit)) {
            base = base.substring(0, dot);
        }
        base = base.replaceFirst("^JML ", "")
            .replace(" operation contract", "")
            .replace(" clause", "")
            .trim()
            .replace(' ', '_');
        return base + "." + c.id();
    }

    private static String javaName(KeYJavaType t) {
        if (t.getJavaType() instanceof ArrayType at) {
            return at.getAlternativeNameRepresentation();
        }
        return t.getFullName();
    }
}
