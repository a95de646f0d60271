package org.jdbcoptimizer.agent;

import java.util.List;

/** The agent's configuration has problems; each names the key, the value and what is accepted. */
final class AgentConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    AgentConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
