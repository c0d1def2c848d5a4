package org.dina.data.formats;

import java.nio.file.Path;

/** Two 2-D arrays with the same number of columns, seen as one array of their rows stacked (C order). */
final class ConcatRows implements NdArray {
    private final String name;
    private final NdArray top, bottom;
    private final ElementType type;
    private final long[] topStrides, bottomStrides;
    private final int topRows, cols;

    private ConcatRows(String name, NdArray top, NdArray bottom, ElementType type) {
        this.name = name;
        this.top = top;
        this.bottom = bottom;
        this.type = type;
        this.topStrides = top.strides();
        this.bottomStrides = bottom.strides();
        this.topRows = top.dim(0);
        this.cols = top.dim(1);
    }

    static ConcatRows of(String name, NdArray top, NdArray bottom) throws DataFormatException {
        if (top.rank() != 2 || bottom.rank() != 2 || top.dim(1) != bottom.dim(1)) {
            throw new DataFormatException(bottom.file(), bottom.describe() + " does not have the columns of " + top.describe());
        }
        ElementType t = top.type() == bottom.type() ? top.type() : top.type().isNumeric() && bottom.type().isNumeric()
                ? ElementType.FLOAT64 : ElementType.OTHER;
        return new ConcatRows(name, top, bottom, t);
    }

    @Override public Path file() { return top.file(); }
    @Override public String name() { return name; }
    @Override public ElementType type() { return type; }
    @Override public int[] shape() { return new int[] {topRows + bottom.dim(0), cols}; }
    @Override public boolean fortranOrder() { return false; }

    @Override
    public double getDouble(long i) {
        long row = i / cols, col = i % cols;
        if (row < topRows) return top.getDouble(row * topStrides[0] + col * topStrides[1]);
        return bottom.getDouble((row - topRows) * bottomStrides[0] + col * bottomStrides[1]);
    }
}
