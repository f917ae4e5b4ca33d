package org.charybdis.tools.bulk;

/** The two connectors: CSV files, and JSON with one object a line. */
enum DataFormat {
    CSV("csv"), JSON("json");

    private final String extension;

    DataFormat(String extension) {
        this.extension = extension;
    }

    String extension() {
        return extension;
    }
}
