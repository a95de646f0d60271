package org.jdbcoptimizer.advisor;

/** A rough B-tree size when the database cannot tell: per entry a header, a row pointer and 8 bytes a column. */
final class IndexSizes {

    private static final int ENTRY_OVERHEAD = 16;
    private static final int BYTES_PER_COLUMN = 8;
    /** Leaf pages are about 70% full after random inserts. */
    private static final double FILL = 0.7;

    private IndexSizes() {
    }

    static long estimate(long rows, int columns) {
        if (rows <= 0) {
            return -1;
        }
        return (long) (rows * (ENTRY_OVERHEAD + BYTES_PER_COLUMN * (double) columns) / FILL);
    }
}
