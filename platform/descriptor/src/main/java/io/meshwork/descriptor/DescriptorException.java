package io.meshwork.descriptor;

import java.util.List;
import java.util.stream.Collectors;

/** A descriptor could not be read: every problem found, each with its location and fix. */
public class DescriptorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<DescriptorProblem> problems;

    public DescriptorException(List<DescriptorProblem> problems) {
        super(problems.stream().map(DescriptorProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in document order */
    public List<DescriptorProblem> problems() {
        return problems;
    }
}
