package io.meshwork.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One meshctl execution in this JVM: its exit code and what it printed on stdout and stderr. */
record Run(int exitCode, String out, String err) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Runs meshctl with these environment defaults and arguments, capturing both streams. */
    static Run of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Meshctl.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
        return new Run(code, out.toString(), err.toString());
    }

    /** @return stdout parsed as JSON */
    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("stdout is not JSON: " + this, e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
