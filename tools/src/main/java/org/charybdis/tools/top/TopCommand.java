package org.charybdis.tools.top;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.charybdis.server.console.ConsoleSample;
import org.charybdis.storage.units.TimeSpan;
import org.charybdis.tools.admin.AdminClient;
import org.charybdis.tools.admin.AdminConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code charybdis top}: the live console's figures in a terminal, refreshed like top(1). It polls the node's
 * {@code /console/stats} (the sample the console's page streams) and redraws the screen; when the output is not a
 * terminal, or with {@code --batch}, it prints one frame after another, as {@code top -b} does, for scripts and logs.
 */
@Command(name = "top", description = "Watch a running node's IO, CPU, backlogs and latency live, like top (the live console in a terminal).")
public final class TopCommand implements Callable<Integer> {
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
    // the sample's keys are snake_case; a newer node may add figures this version does not show
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    AdminConnection connection;

    @Option(names = {"-d", "--delay"}, defaultValue = "1s", paramLabel = "<duration>",
            description = "Time between frames, e.g. 2 (seconds), 1s or 500ms (default: ${DEFAULT-VALUE}; the node samples once a second)")
    String delay;

    @Option(names = {"-n", "--iterations"}, defaultValue = "0", paramLabel = "<count>",
            description = "Frames to show before exiting; 0 runs until interrupted (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = {"-b", "--batch"}, description = "Print frames one after another instead of redrawing the screen (the default when the output is not a terminal)")
    boolean batch;

    @Option(names = {"-s", "--shard"}, paramLabel = "<shard>", description = "Show one shard's figures instead of the whole node's")
    Integer shard;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        Duration pause;
        try {
            pause = TimeSpan.parse(delay, TimeUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            System.err.println("charybdis top: --delay: " + e.getMessage());
            return 2;
        }
        boolean redraw = !batch && System.console() != null && System.console().isTerminal();
        try {
            AdminClient client = connection.client();
            for (int frame = 0; iterations == 0 || frame < iterations; frame++) {
                if (frame > 0) Thread.sleep(pause.toMillis());
                ConsoleSample sample = JSON.treeToValue(client.get("/console/stats"), ConsoleSample.class);
                String screen = TopScreen.render(sample, shard, connection.address());
                if (redraw) out.print(CLEAR_SCREEN);
                else if (frame > 0) out.println();
                out.print(screen);
                out.flush();
            }
            return 0;
        } catch (IOException | IllegalArgumentException | org.charybdis.server.config.ConfigException e) {
            System.err.println("charybdis top: " + e.getMessage());
            return 1;
        }
    }
}
