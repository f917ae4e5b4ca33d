package org.charybdis.storage.lsm;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableEngineModelTest;
import org.charybdis.storage.engine.TableLayout;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The engine contract on the LSM engine, with flushes, major compactions and crash-restarts (commitlog
 * replay over whatever was flushed) at random moments between the checks against the naive model.
 */
class LsmTableEngineModelTest extends TableEngineModelTest {
    private LsmTestNode node;
    private TableLayout layout;

    @Override
    protected TableEngine newEngine(TableLayout tableLayout) {
        try {
            if (node != null) node.close();
            node = new LsmTestNode(4 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // gc_grace_seconds stays far longer than the model's clock runs: the model knows nothing of purging, and a
        // purged tombstone rightly stops shadowing writes that arrive later with older timestamps (LsmPurgeTest)
        layout = stored(tableLayout);
        node.open(List.of(layout));
        return node.table(layout);
    }

    /** The layout the engine under test stores the model's table with. */
    protected TableLayout stored(TableLayout tableLayout) {
        return tableLayout;
    }

    @Override
    protected void apply(TableEngine engine, PartitionUpdate update) {
        node.write(engine, update);
    }

    @Override
    protected PartitionView read(TableEngine engine, DecoratedKey key, ReadFilter filter, long now) {
        return node.read(engine, key, filter, now);
    }

    @Override
    protected List<PartitionView> scan(TableEngine engine, DecoratedKey after, ReadFilter filter, long now) {
        return node.scan(engine, after, filter, now);
    }

    @Override
    protected TableEngine maintain(TableEngine engine, SplittableRandom random, long nowInSeconds) {
        node.clock(nowInSeconds);
        switch (random.nextInt(4)) {
            case 0 -> node.flush(engine);
            case 1 -> {
                node.flush(engine);
                node.compact(engine);
            }
            case 2 -> {
                node.restart(List.of(layout));
                return node.table(layout);
            }
            default -> { }
        }
        return engine;
    }

    @Override
    protected void release(TableEngine engine) {
        // the node closes the engine with its storage
    }

    @AfterEach
    void closeNode() throws IOException {
        if (node != null) node.close();
        node = null;
    }
}
