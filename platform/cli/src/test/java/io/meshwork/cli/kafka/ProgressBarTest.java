package io.meshwork.cli.kafka;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {
    @Test
    void shouldFillTheBarInProportion() {
        assertThat(ProgressBar.render(0, 1024, 10)).isEqualTo("[----------] 0/1024");
        assertThat(ProgressBar.render(512, 1024, 10)).isEqualTo("[#####-----] 512/1024");
        assertThat(ProgressBar.render(1023, 1024, 10)).isEqualTo("[#########-] 1023/1024");
        assertThat(ProgressBar.render(1024, 1024, 10)).isEqualTo("[##########] 1024/1024");
    }

    @Test
    void shouldClampAndShowAnEmptyTotalAsDone() {
        assertThat(ProgressBar.render(2000, 1024, 10)).isEqualTo("[##########] 1024/1024");
        assertThat(ProgressBar.render(-3, 10, 4)).isEqualTo("[----] 0/10");
        assertThat(ProgressBar.render(0, 0, 4)).isEqualTo("[####] 0/0");
    }

    @Test
    void shouldPrintALinePerTenthInALog() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 100, false, () -> 0L);

        for (int i = 0; i <= 100; i++) {
            bar.update(i);
        }
        bar.finish();

        String[] lines = text.toString().split("\n");
        assertThat(lines).hasSize(11);
        assertThat(lines[0]).isEqualTo("[------------------------------] 0/100");
        assertThat(lines[5]).isEqualTo("[###############---------------] 50/100");
        assertThat(lines[10]).isEqualTo("[##############################] 100/100");
    }

    @Test
    void shouldRedrawInPlaceOnATerminalAtMostEveryHundredMilliseconds() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong(1_000);
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 4, true, now::get);

        bar.update(1);
        bar.update(2);
        now.addAndGet(100);
        bar.update(3);
        bar.advance(1);
        bar.finish();

        assertThat(text.toString())
                .isEqualTo("\r[#######-----------------------] 1/4"
                        + "\r[######################--------] 3/4"
                        + "\r[##############################] 4/4"
                        + System.lineSeparator());
        assertThat(bar.done()).isEqualTo(4);
    }
}
