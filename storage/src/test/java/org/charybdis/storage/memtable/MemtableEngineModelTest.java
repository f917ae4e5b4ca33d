package org.charybdis.storage.memtable;

import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableEngineModelTest;
import org.charybdis.storage.engine.TableLayout;

/** The engine contract's naive model, checked against a memtable read the way the LSM engine reads it. */
class MemtableEngineModelTest extends TableEngineModelTest {
    @Override
    protected TableEngine newEngine(TableLayout layout) {
        return new MemtableTableEngine(layout);
    }
}
