package org.charybdis.storage.memory;

import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableEngineModelTest;
import org.charybdis.storage.engine.TableLayout;

class MemoryTableEngineModelTest extends TableEngineModelTest {
    @Override
    protected TableEngine newEngine(TableLayout layout) {
        return new MemoryTableEngine(layout);
    }
}
