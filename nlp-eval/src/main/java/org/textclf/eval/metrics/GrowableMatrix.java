package org.textclf.eval.metrics;

/** A square count matrix that grows when labels are discovered while streaming. Not thread-safe. */
final class GrowableMatrix {

    private long[][] cells = new long[4][4];

    void increment(int row, int col, long by) {
        int needed = Math.max(row, col) + 1;
        if (needed > cells.length) {
            int size = Math.max(needed, cells.length * 2);
            long[][] next = new long[size][size];
            for (int i = 0; i < cells.length; i++) {
                System.arraycopy(cells[i], 0, next[i], 0, cells.length);
            }
            cells = next;
        }
        cells[row][col] += by;
    }

    /** The matrix restricted and reordered: result[r][c] = cells[perm[r]][perm[c]]. */
    long[][] permuted(int[] perm) {
        long[][] out = new long[perm.length][perm.length];
        for (int r = 0; r < perm.length; r++) {
            for (int c = 0; c < perm.length; c++) {
                int i = perm[r];
                int j = perm[c];
                out[r][c] = i < cells.length && j < cells.length ? cells[i][j] : 0;
            }
        }
        return out;
    }
}
