package org.dina.data.formats;

import java.util.Arrays;

/**
 * Where the pixels of a stack of K images of H x W sit in an array: pixel (r, c) of image k is at storage position
 * {@code k * imageStride + r * rowStride + c * colStride}.
 */
record ImageLayout(int count, int height, int width, long imageStride, long rowStride, long colStride) {

    /**
     * The layout of an image stack stored first-index-per-image: [K, H, W], [K, 1, H, W], or flattened [K, H*W]
     * (row-major pixels, as numpy's reshape writes them; square unless {@code options} give H x W).
     */
    static ImageLayout imageFirst(NdArray a, ReadOptions options) throws DataFormatException {
        Readers.require(a, "images", 2, 3, 4);
        int[] s = a.shape();
        long[] st = a.strides();
        return switch (s.length) {
            case 3 -> new ImageLayout(s[0], s[1], s[2], st[0], st[1], st[2]);
            case 4 -> {
                if (s[1] != 1) {
                    throw new DataFormatException(a.file(), a.name() + ": 4-D images must be [K, 1, H, W] (one channel), got "
                            + Arrays.toString(s));
                }
                yield new ImageLayout(s[0], s[2], s[3], st[0], st[2], st[3]);
            }
            default -> {
                int pixels = s[1];
                int h, w;
                if (options.hasImageShape()) {
                    h = options.imageHeight();
                    w = options.imageWidth();
                    if ((long) h * w != pixels) {
                        throw new DataFormatException(a.file(), a.name() + ": flattened images of " + pixels
                                + " pixels cannot be " + h + "x" + w);
                    }
                } else {
                    h = (int) Math.round(Math.sqrt(pixels));
                    if ((long) h * h != pixels) {
                        throw new DataFormatException(a.file(), a.name() + ": flattened images of " + pixels
                                + " pixels are not square; give the image shape (--image-shape HxW)");
                    }
                    w = h;
                }
                yield new ImageLayout(s[0], h, w, st[0], w * st[1], st[1]);
            }
        };
    }

    /** Copies every image into {@code stack}, image i of the array becoming image {@code first + i}. */
    void copyInto(ImageStack stack, NdArray a, int first) throws DataFormatException {
        for (int k = 0; k < count; k++) stack.put(first + k, a, k * imageStride, rowStride, colStride);
    }
}
