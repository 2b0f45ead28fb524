package com.tickets.load;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --name=value} options of a harness. Maven's exec plugin passes {@code -Drace.args="--a=1 --b=2"}
 * as one argument, so every argument is split at white space as well.
 */
public final class Options {

    private final Map<String, String> values = new HashMap<>();

    private Options() {
    }

    public static Options parse(String[] args) {
        Options options = new Options();
        for (String arg : args) {
            for (String part : arg.trim().split("\\s+")) {
                if (part.startsWith("--") && part.contains("=")) {
                    options.values.put(part.substring(2, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
                }
            }
        }
        return options;
    }

    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public int integer(String name, int defaultValue) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : defaultValue;
    }

    public long longValue(String name, long defaultValue) {
        return values.containsKey(name) ? Long.parseLong(values.get(name)) : defaultValue;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }
}
