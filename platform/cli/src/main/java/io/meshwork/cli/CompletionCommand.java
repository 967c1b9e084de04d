package io.meshwork.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code meshctl completion}: a bash/zsh completion script for every command and option. */
@Command(
        name = "completion",
        description = {
            "Print a bash/zsh completion script for meshctl.",
            "Use it with: source <(meshctl completion)   (zsh: autoload -U +X bashcompinit && bashcompinit first)"
        })
final class CompletionCommand extends MeshctlCommand {
    @Override
    int execute(Session session) {
        session.out().print(AutoComplete.bash("meshctl", spec.root().commandLine()));
        session.out().flush();
        return ExitCode.OK;
    }
}
