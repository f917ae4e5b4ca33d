package org.charybdis.tools.iotune;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the file system holding a directory is mounted: what io_properties.yaml records as the disk's mountpoint. */
final class MountPoint {
    private MountPoint() { }

    /**
     * Walks up from the directory while the parent is on the same file store. The JDK identifies a store by device
     * and mount entry, so this stops at the mount point, bind mounts and containers' volumes included.
     */
    static Path of(Path directory) throws IOException {
        Path current = directory.toRealPath();
        FileStore store = Files.getFileStore(current);
        for (Path parent = current.getParent(); parent != null; parent = parent.getParent()) {
            if (!Files.getFileStore(parent).equals(store)) break;
            current = parent;
        }
        return current;
    }
}
