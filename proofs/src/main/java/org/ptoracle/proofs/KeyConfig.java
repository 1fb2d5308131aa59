package org.ptoracle.proofs;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import de.uka.ilkd.key.logic.Choice;
import de.uka.ilkd.key.proof.init.InitConfig;
import de.uka.ilkd.key.settings.PathConfig;
import de.uka.ilkd.key.settings.ProofSettings;
import de.uka.ilkd.key.strategy.StrategyProperties;

/**
 * The fixed prover settings, read from {@code proofs/key-settings.properties}.
 *
 * <p>This is the only place where KeY is configured. {@link #applyBeforeLoad()} installs the
 * taclet options as KeY's defaults (they are baked into an environment when it is loaded);
 * {@link #checkLoaded(InitConfig)} verifies afterwards that KeY really activated exactly those
 * options; {@link #strategyProperties()} and {@link #maxSteps()} drive every proof attempt.
 */
public final class KeyConfig {
    static {
        // Must happen before ProofSettings is initialised: never read ~/.key/proof-settings.props.
        System.setProperty(PathConfig.DISREGARD_SETTINGS_PROPERTY, "true");
    }

    /** The only integer semantics this project accepts. */
    public static final String INT_RULES = "intRules:arithmeticSemanticsCheckingOF";

    /** Relative to the repository root. */
    public static final String DEFAULT_FILE = "proofs/key-settings.properties";

    private final Path file;
    /** category -> "category:option". */
    private final Map<String, String> choices;
    /** StrategyProperties key -> value. */
    private final Map<String, String> strategy;
    private final int maxSteps;
    private final long timeoutMs;

    private KeyConfig(Path file, Map<String, String> choices, Map<String, String> strategy,
            int maxSteps, long timeoutMs) {
        this.file = file;
        this.choices = Collections.unmodifiableMap(choices);
        this.strategy = Collections.unmodifiableMap(strategy);
        this.maxSteps = maxSteps;
        this.timeoutMs = timeoutMs;
    }

    /** Reads and validates the settings file. */
    public static KeyConfig load(Path file) throws ConfigException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read KeY settings " + file + ": " + e.getMessage());
        }
        Map<String, String> choices = new TreeMap<>();
        Map<String, String> strategy = new TreeMap<>();
        Integer maxSteps = null;
        Long timeoutMs = null;
        Set<String> strategyKeys = strategyKeys();
        Set<String> strategyValues = strategyConstants();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key).trim();
            if (key.startsWith("choice.")) {
                String category = key.substring("choice.".length());
                choices.put(category, category + ":" + value);
            } else if (key.startsWith("strategy.")) {
                String k = key.substring("strategy.".length());
                if (!strategyKeys.contains(k)) {
                    throw new ConfigException(file + ": unknown strategy key " + k
                        + " (known: " + new TreeMap<>(toMap(strategyKeys)).keySet() + ")");
                }
                if (!strategyValues.contains(value)) {
                    throw new ConfigException(file + ": unknown value " + value + " for " + k);
                }
                strategy.put(k, value);
            } else if (key.equals("maxSteps")) {
                maxSteps = parsePositive(file, key, value);
            } else if (key.equals("timeoutSeconds")) {
                timeoutMs = parsePositive(file, key, value) * 1000L;
            } else {
                throw new ConfigException(file + ": unknown setting " + key);
            }
        }
        if (!INT_RULES.equals(choices.get("intRules"))) {
            throw new ConfigException(file + ": choice.intRules must be arithmeticSemanticsCheckingOF"
                + " (Java integers with overflow checking); found " + choices.get("intRules"));
        }
        Set<String> missing = new HashSet<>(strategyKeys);
        missing.removeAll(strategy.keySet());
        if (!missing.isEmpty()) {
            throw new ConfigException(file + ": strategy keys not fixed: " + missing);
        }
        if (maxSteps == null || timeoutMs == null) {
            throw new ConfigException(file + ": maxSteps and timeoutSeconds are required");
        }
        return new KeyConfig(file, choices, strategy, maxSteps, timeoutMs);
    }

    private static Map<String, String> toMap(Set<String> s) {
        Map<String, String> m = new TreeMap<>();
        for (String x : s) {
            m.put(x, x);
        }
        return m;
    }

    private static int parsePositive(Path file, String key, String value) throws ConfigException {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ConfigException(file + ": " + key + " must be a positive integer, not " + value);
    }

    /** The keys KeY's JavaCardDLStrategy reads (those StrategyProperties fills with defaults). */
    static Set<String> strategyKeys() {
        Set<String> keys = new HashSet<>();
        for (Object k : new StrategyProperties().keySet()) {
            keys.add(k.toString());
        }
        return keys;
    }

    private static Set<String> strategyConstants() {
        Set<String> values = new HashSet<>();
        for (Field f : StrategyProperties.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    values.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    /** A copy with another step budget (for experiments: {@code --max-steps}). */
    public KeyConfig withMaxSteps(int steps) {
        return new KeyConfig(file, new TreeMap<>(choices), new TreeMap<>(strategy), steps, timeoutMs);
    }

    public Path file() {
        return file;
    }

    public int maxSteps() {
        return maxSteps;
    }

    public long timeoutMs() {
        return timeoutMs;
    }

    /** category -> "category:option". */
    public Map<String, String> choices() {
        return choices;
    }

    /** A fresh StrategyProperties with every key from the file. */
    public StrategyProperties strategyProperties() {
        StrategyProperties sp = new StrategyProperties();
        strategy.forEach(sp::setProperty);
        return sp;
    }

    /**
     * Installs the taclet options and the strategy as KeY's global defaults. Must be called before
     * {@code KeYEnvironment.load}: the options are fixed per environment at load time.
     */
    public void applyBeforeLoad() {
        ProofSettings.DEFAULT_SETTINGS.getChoiceSettings().setDefaultChoices(choices);
        ProofSettings.DEFAULT_SETTINGS.getStrategySettings().setActiveStrategyProperties(
            strategyProperties());
        ProofSettings.DEFAULT_SETTINGS.getStrategySettings().setMaxSteps(maxSteps);
        ProofSettings.DEFAULT_SETTINGS.getStrategySettings().setTimeout(timeoutMs);
    }

    /**
     * Checks that a loaded environment (or a proof's InitConfig) uses exactly the options of the
     * file, and that the file names every category KeY knows.
     *
     * @throws ConfigException naming the differences
     */
    public void checkLoaded(InitConfig initConfig) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> known = new TreeMap<>();
        for (Choice c : initConfig.choiceNS().allElements()) {
            known.computeIfAbsent(c.category(), k -> new HashSet<>()).add(c.name().toString());
        }
        for (Map.Entry<String, Set<String>> e : known.entrySet()) {
            String want = choices.get(e.getKey());
            if (want == null) {
                problems.add("category " + e.getKey() + " is not fixed (options: " + e.getValue() + ")");
            } else if (!e.getValue().contains(want)) {
                problems.add(want + " is not an option of " + e.getKey() + " " + e.getValue());
            }
        }
        for (String category : choices.keySet()) {
            if (!known.containsKey(category)) {
                problems.add("KeY has no option category " + category);
            }
        }
        Set<String> active = new HashSet<>();
        for (Choice c : initConfig.getActivatedChoices()) {
            active.add(c.name().toString());
        }
        for (String want : choices.values()) {
            if (!active.contains(want)) {
                problems.add(want + " was not activated by KeY (active: " + new TreeMap<>(toMap(active)).keySet() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(file + ": " + String.join("; ", problems));
        }
    }

    /** Raised when the settings file is missing, malformed, or not what KeY activated. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }
}
