package io.meshwork.cli.kafka;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr, {@code [#####-----] 512/1024}. On a terminal it redraws one line in place (carriage
 * return) at most every 100 ms; elsewhere (a CI log, a file) it prints a line each time another tenth is done, so the
 * log shows progress without thousands of lines. {@link #finish()} always prints the final state.
 */
public final class ProgressBar {
    /** How many characters the bar between the brackets is wide. */
    public static final int WIDTH = 30;

    private static final long REDRAW_MILLIS = 100;

    private final PrintWriter err;
    private final long total;
    private final boolean terminal;
    private final LongSupplier clock;
    private long done;
    private long lastDrawn = Long.MIN_VALUE;
    private long lastTenth = -1;
    private boolean finished;

    /**
     * @param err where the bar is drawn
     * @param total how many steps make 100 %
     * @param terminal whether {@code err} is a terminal (redraw in place) or a log (one line per tenth)
     * @param clock milliseconds, for throttling redraws
     */
    public ProgressBar(PrintWriter err, long total, boolean terminal, LongSupplier clock) {
        this.err = err;
        this.total = Math.max(0, total);
        this.terminal = terminal;
        this.clock = clock;
    }

    /**
     * @param done steps done
     * @param total steps in all
     * @param width characters between the brackets
     * @return e.g. {@code [###############---------------] 512/1024}; a total of 0 shows a full bar
     */
    public static String render(long done, long total, int width) {
        long clamped = Math.max(0, Math.min(done, total));
        int filled = total <= 0 ? width : (int) (clamped * width / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + clamped + "/" + Math.max(0, total);
    }

    /** @param steps how many more steps are done */
    public void advance(long steps) {
        update(done + steps);
    }

    /** @param doneNow how many steps are done in all */
    public void update(long doneNow) {
        done = Math.max(0, Math.min(doneNow, total));
        if (terminal) {
            long now = clock.getAsLong();
            if (lastDrawn == Long.MIN_VALUE || now - lastDrawn >= REDRAW_MILLIS) {
                lastDrawn = now;
                err.print("\r" + render(done, total, WIDTH));
                err.flush();
            }
        } else {
            long tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth > lastTenth && tenth < 10) {
                lastTenth = tenth;
                err.println(render(done, total, WIDTH));
                err.flush();
            }
        }
    }

    /** @return steps done so far */
    public long done() {
        return done;
    }

    /** Draws the final state and ends the line. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (terminal) {
            err.print("\r" + render(done, total, WIDTH));
            err.println();
        } else {
            err.println(render(done, total, WIDTH));
        }
        err.flush();
    }
}
