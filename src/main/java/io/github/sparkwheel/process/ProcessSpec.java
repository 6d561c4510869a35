package io.github.sparkwheel.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to run: an argument list (never a shell string), a working directory, the environment
 * changes on top of the inherited one, a timeout and the secrets to mask in logs.
 */
public final class ProcessSpec {

    private final String description;
    private final List<String> command;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Set<String> removedVariablePrefixes;
    private final Duration timeout;
    private final Collection<String> secrets;
    private final boolean quiet;

    private ProcessSpec(Builder b) {
        this.description = b.description != null ? b.description : b.command.get(0);
        this.command = List.copyOf(b.command);
        this.workingDirectory = b.workingDirectory;
        this.environment = Map.copyOf(b.environment);
        this.removedVariablePrefixes = Set.copyOf(b.removedVariablePrefixes);
        this.timeout = b.timeout;
        this.secrets = List.copyOf(b.secrets);
        this.quiet = b.quiet;
    }

    public static Builder builder(List<String> command) {
        return new Builder(command);
    }

    /** A short name for messages, such as {@code pip wheel}. */
    public String description() {
        return description;
    }

    public List<String> command() {
        return command;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Variables set on top of the inherited environment. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Inherited variables whose names start with one of these are removed. */
    public Set<String> removedVariablePrefixes() {
        return removedVariablePrefixes;
    }

    /** {@code null} or zero: no timeout. */
    public Duration timeout() {
        return timeout;
    }

    public Collection<String> secrets() {
        return secrets;
    }

    /** When set, the child's output goes to debug instead of info/warn. */
    public boolean quiet() {
        return quiet;
    }

    public static final class Builder {
        private final List<String> command;
        private String description;
        private Path workingDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Set<String> removedVariablePrefixes = new LinkedHashSet<>();
        private Duration timeout;
        private final List<String> secrets = new ArrayList<>();
        private boolean quiet;

        private Builder(List<String> command) {
            Objects.requireNonNull(command, "command");
            if (command.isEmpty()) {
                throw new IllegalArgumentException("empty command");
            }
            this.command = new ArrayList<>(command);
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        public Builder environment(Map<String, String> env) {
            if (env != null) {
                env.forEach((k, v) -> environment.put(k, v == null ? "" : v));
            }
            return this;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder removeVariablesStartingWith(String prefix) {
            removedVariablePrefixes.add(prefix);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder secrets(Collection<String> values) {
            if (values != null) {
                secrets.addAll(values);
            }
            return this;
        }

        public Builder quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        public ProcessSpec build() {
            return new ProcessSpec(this);
        }
    }
}
