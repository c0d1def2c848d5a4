package org.dina.data.formats;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.dina.tensor.Tensor;

/**
 * Gathers K grayscale images of H x W from any array layout into one [K, H, W] float tensor, refusing NaN and
 * infinite pixels, then scales the stack to [0, 1] by an {@link ImageScaling} rule.
 */
final class ImageStack {
    private final int k, h, w;
    private final Tensor out;
    private final MemorySegment seg;
    private float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
    private ElementType type;

    ImageStack(Path where, int k, int h, int w) throws DataFormatException {
        if (k < 1 || h < 1 || w < 1) throw new DataFormatException(where, "no images (" + k + " of " + h + "x" + w + ")");
        this.k = k;
        this.h = h;
        this.w = w;
        this.out = Tensor.zeros(k, h, w);
        this.seg = out.segment();
    }

    int height() { return h; }
    int width() { return w; }

    /**
     * Copies image {@code index} from {@code a}: pixel (r, c) is at storage position
     * {@code base + r * rowStride + c * colStride}.
     */
    void put(int index, NdArray a, long base, long rowStride, long colStride) throws DataFormatException {
        Readers.requireNumeric(a, "images");
        if (type == null) type = a.type();
        else if (type != a.type()) type = ElementType.FLOAT64; // mixed sources: no integer rule applies
        long o = (long) index * h * w;
        for (int r = 0; r < h; r++) {
            long rowAt = base + r * rowStride;
            for (int c = 0; c < w; c++) {
                float v = (float) a.getDouble(rowAt + c * colStride);
                if (!Float.isFinite(v)) {
                    throw new DataFormatException(a.file(), a.name() + ": image " + index + " has a non-finite pixel ("
                            + v + ") at row " + r + ", column " + c);
                }
                if (v < min) min = v;
                if (v > max) max = v;
                seg.setAtIndex(Tensor.FLOAT, o++, v);
            }
        }
    }

    /** Scales the gathered images in place to [0, 1] and returns them. */
    Tensor finish(Path where, ImageScaling scaling, ReportBuilder report) throws DataFormatException {
        report.rawImageMin = min;
        report.rawImageMax = max;
        ImageScaling rule = scaling;
        if (rule == ImageScaling.AUTO) {
            rule = type == ElementType.UINT8 || type == ElementType.UINT16 ? ImageScaling.DIVIDE_BY_255 : ImageScaling.MIN_MAX;
        }
        long n = (long) k * h * w;
        switch (rule) {
            case NONE -> {
                if (min < 0 || max > 1) {
                    throw new DataFormatException(where, "images range over [" + min + ", " + max + "], not [0, 1]; choose a scaling");
                }
                report.imageScaling = "none (already in [0, 1])";
            }
            case DIVIDE_BY_255 -> {
                double div = type == ElementType.UINT16 && scaling == ImageScaling.AUTO ? 65535.0 : 255.0;
                if (min < 0 || max > div) {
                    throw new DataFormatException(where, "images range over [" + min + ", " + max + "], not [0, " + (int) div + "]");
                }
                for (long i = 0; i < n; i++) seg.setAtIndex(Tensor.FLOAT, i, (float) (seg.getAtIndex(Tensor.FLOAT, i) / div));
                report.imageScaling = "divided by " + (int) div + " (" + type.name().toLowerCase(java.util.Locale.ROOT) + ")";
            }
            case MIN_MAX -> {
                double lo = min, range = (double) max - min;
                if (range == 0) {
                    out.zero();
                    report.note("every pixel of every image is " + min + ": images set to 0");
                } else {
                    for (long i = 0; i < n; i++) {
                        double v = (seg.getAtIndex(Tensor.FLOAT, i) - lo) / range;
                        seg.setAtIndex(Tensor.FLOAT, i, (float) Math.min(1.0, Math.max(0.0, v)));
                    }
                }
                report.imageScaling = "min-max over the whole stack: (v - " + min + ") / (" + max + " - " + min + ")";
            }
            default -> throw new IllegalStateException("unreachable: " + rule);
        }
        return out;
    }
}
