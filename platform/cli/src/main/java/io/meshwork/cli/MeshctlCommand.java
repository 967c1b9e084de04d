package io.meshwork.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The shape of every meshctl command: it runs against a {@link Session} and returns an exit code; a
 * {@link MeshctlException} is printed as a short message with its fix, never as a stack trace.
 */
abstract class MeshctlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        Session session = new Session(spec);
        try {
            return execute(session);
        } catch (ParameterException e) {
            throw e;
        } catch (MeshctlException e) {
            session.report(e);
            return e.exitCode();
        } catch (RuntimeException e) {
            session.report(new MeshctlException(
                    ExitCode.ERROR,
                    "meshctl failed: " + e,
                    "if the message does not say what to do, report it with the command you ran",
                    null,
                    e));
            return ExitCode.ERROR;
        } finally {
            session.out().flush();
            session.err().flush();
        }
    }

    /**
     * Runs the command.
     *
     * @return the exit code, one of {@link ExitCode}
     */
    abstract int execute(Session session);
}
