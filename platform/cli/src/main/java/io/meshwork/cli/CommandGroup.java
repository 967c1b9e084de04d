package io.meshwork.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code meshctl products}): without one it is a usage error. */
abstract class CommandGroup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "'" + spec.qualifiedName() + "' needs a subcommand: one of "
                        + String.join(
                                ", ",
                                spec.subcommands().keySet().stream()
                                        .filter(name -> !name.equals("help"))
                                        .toList()));
    }
}
