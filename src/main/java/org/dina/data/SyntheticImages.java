package org.dina.data;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;

/**
 * Natural-like grayscale images: a 1/f^α amplitude-spectrum noise field (random spectrum, inverse FFT on a padded
 * power-of-two grid) with occluding ellipses and rectangles on top, each filled with its own grating, plaid, flat
 * luminance or displaced texture, so both coarse and fine structure exist. Values in [0, 1].
 *
 * <p>Deterministic: image k depends only on (seed, k), whatever the thread count or the number of images asked for.
 * One complex inverse FFT gives two independent real fields (its real and imaginary parts), used by images 2p and
 * 2p+1.
 */
final class SyntheticImages {
    /** Category of an image = the fill of its largest occluder. */
    static final List<String> CATEGORY_NAMES = List.of("grating", "plaid", "flat", "texture");

    private static final long SPECTRUM = 11, SHAPES = 12;

    /** Generated images [K, H, W] and the category of each. */
    record Result(Tensor images, int[] categories) {}

    private final long seed;
    private final int h, w, ph, pw;
    private final double[] amplitude; // [ph * pw], spectrum amplitude per frequency bin, 0 at DC
    private final Fft fftRows, fftCols;

    private SyntheticImages(long seed, int h, int w, double exponent) {
        this.seed = seed;
        this.h = h;
        this.w = w;
        this.ph = Fft.nextPowerOfTwo(h);
        this.pw = Fft.nextPowerOfTwo(w);
        this.fftRows = new Fft(pw);
        this.fftCols = new Fft(ph);
        this.amplitude = new double[ph * pw];
        for (int ky = 0; ky < ph; ky++) {
            double fy = (ky <= ph / 2 ? ky : ky - ph) / (double) ph;
            for (int kx = 0; kx < pw; kx++) {
                double fx = (kx <= pw / 2 ? kx : kx - pw) / (double) pw;
                double f = Math.sqrt(fx * fx + fy * fy);
                amplitude[ky * pw + kx] = f == 0 ? 0 : (exponent == 1.0 ? 1.0 / f : StrictMath.pow(f, -exponent));
            }
        }
    }

    static Result generate(long seed, int count, int h, int w, double exponent) {
        SyntheticImages gen = new SyntheticImages(seed, h, w, exponent);
        Tensor images = Tensor.zeros(count, h, w);
        int[] categories = new int[count];
        int pairs = (count + 1) / 2;
        Parallel.forRange(pairs, 1, (from, to) -> {
            double[] re = new double[gen.ph * gen.pw], im = new double[gen.ph * gen.pw];
            double[] colRe = new double[gen.ph], colIm = new double[gen.ph];
            float[] fieldA = new float[h * w], fieldB = new float[h * w], base = new float[h * w];
            for (int p = from; p < to; p++) {
                gen.fieldPair(p, re, im, colRe, colIm, fieldA, fieldB);
                categories[2 * p] = gen.finish(2 * p, fieldA, base, images.segment());
                if (2 * p + 1 < count) categories[2 * p + 1] = gen.finish(2 * p + 1, fieldB, base, images.segment());
            }
        });
        return new Result(images, categories);
    }

    /** Two independent 1/f fields (real and imaginary part of one inverse FFT), cropped to h x w. */
    private void fieldPair(int pair, double[] re, double[] im, double[] colRe, double[] colIm, float[] a, float[] b) {
        SplitMix rng = SplitMix.stream(seed, SPECTRUM, pair);
        // uniform rather than Gaussian coefficients: the expected power spectrum is the same, and the field is
        // Gaussian anyway by the central limit theorem; this skips 10^5 logarithms per image
        for (int i = 0; i < re.length; i++) {
            double amp = amplitude[i];
            re[i] = amp * (2.0 * rng.nextDouble() - 1.0);
            im[i] = amp * (2.0 * rng.nextDouble() - 1.0);
        }
        // columns first, keeping only the h rows the crop needs, then those rows
        for (int kx = 0; kx < pw; kx++) {
            for (int ky = 0; ky < ph; ky++) {
                colRe[ky] = re[ky * pw + kx];
                colIm[ky] = im[ky * pw + kx];
            }
            fftCols.transform(colRe, colIm, 0, true);
            for (int y = 0; y < h; y++) {
                re[y * pw + kx] = colRe[y];
                im[y * pw + kx] = colIm[y];
            }
        }
        for (int y = 0; y < h; y++) {
            fftRows.transform(re, im, y * pw, true);
            for (int x = 0; x < w; x++) {
                a[y * w + x] = (float) re[y * pw + x];
                b[y * w + x] = (float) im[y * pw + x];
            }
        }
    }

    /** Adds occluders to a standardised field, maps it to [0, 1] into image {@code k}; returns the category. */
    private int finish(int k, float[] field, float[] base, MemorySegment out) {
        SplitMix rng = SplitMix.stream(seed, SHAPES, k);
        standardise(field);
        System.arraycopy(field, 0, base, 0, field.length);
        int shapes = 2 + rng.nextInt(6);
        double largest = -1;
        int category = 2;
        for (int s = 0; s < shapes; s++) {
            Occluder o = occluder(rng, field, base);
            if (o.area() > largest) {
                largest = o.area();
                category = o.kind();
            }
        }
        standardise(field);
        double contrast = rng.uniform(0.12, 0.22), mean = rng.uniform(0.42, 0.58);
        long o = (long) k * h * w;
        for (int i = 0; i < field.length; i++) {
            double v = mean + contrast * field[i];
            out.setAtIndex(Tensor.FLOAT, o + i, (float) Math.min(1.0, Math.max(0.0, v)));
        }
        return category;
    }

    /** What was pasted: the fill kind (index into {@link #CATEGORY_NAMES}) and the area in pixels. */
    private record Occluder(int kind, double area) {}

    /** Draws one ellipse or rectangle with its own fill and pastes it with a one-pixel soft edge. */
    private Occluder occluder(SplitMix rng, float[] field, float[] base) {
        boolean ellipse = rng.nextInt(2) == 0;
        double a = rng.logUniform(3.0, Math.max(4.0, 0.25 * Math.max(h, w)));
        double b = a * rng.uniform(0.3, 1.0);
        double cx = rng.uniform(0, w), cy = rng.uniform(0, h), rot = rng.uniform(0, Math.PI);
        int kind = rng.nextInt(4);
        double lum = rng.nextGaussian(), amp = rng.uniform(0.3, 1.5);
        double sf1 = rng.logUniform(0.02, 0.25), ori1 = rng.uniform(0, Math.PI), ph1 = rng.uniform(0, 2 * Math.PI);
        double sf2 = sf1 * rng.uniform(0.7, 1.4), ori2 = ori1 + rng.uniform(Math.PI / 4, 3 * Math.PI / 4);
        double ph2 = rng.uniform(0, 2 * Math.PI);
        int ox = w / 3 + rng.nextInt(Math.max(1, w / 3)), oy = rng.nextInt(h);

        double cr = StrictMath.cos(rot), sr = StrictMath.sin(rot);
        double k1x = 2 * Math.PI * sf1 * StrictMath.cos(ori1), k1y = 2 * Math.PI * sf1 * StrictMath.sin(ori1);
        double k2x = 2 * Math.PI * sf2 * StrictMath.cos(ori2), k2y = 2 * Math.PI * sf2 * StrictMath.sin(ori2);
        int x0 = Math.max(0, (int) Math.floor(cx - a - 1)), x1 = Math.min(w - 1, (int) Math.ceil(cx + a + 1));
        int y0 = Math.max(0, (int) Math.floor(cy - a - 1)), y1 = Math.min(h - 1, (int) Math.ceil(cy + a + 1));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = x - cx, dy = y - cy;
                double u = dx * cr + dy * sr, v = -dx * sr + dy * cr;
                double inside = ellipse
                        ? (1.0 - Math.sqrt((u / a) * (u / a) + (v / b) * (v / b))) * b
                        : Math.min(a - Math.abs(u), b - Math.abs(v));
                double alpha = Math.min(1.0, Math.max(0.0, inside + 0.5));
                if (alpha == 0.0) continue;
                double tex = switch (kind) {
                    case 0 -> amp * 1.4142135623730951 * StrictMath.cos(k1x * x + k1y * y + ph1);
                    case 1 -> amp * (StrictMath.cos(k1x * x + k1y * y + ph1) + StrictMath.cos(k2x * x + k2y * y + ph2));
                    case 2 -> 0.0;
                    default -> amp * base[((y + oy) % h) * w + (x + ox) % w];
                };
                int i = y * w + x;
                field[i] = (float) (field[i] * (1.0 - alpha) + alpha * (lum + tex));
            }
        }
        return new Occluder(kind, ellipse ? Math.PI * a * b : 4 * a * b);
    }

    private static void standardise(float[] f) {
        double sum = 0;
        for (float v : f) sum += v;
        double mean = sum / f.length, ss = 0;
        for (float v : f) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / f.length);
        double inv = sd > 0 ? 1.0 / sd : 0.0;
        for (int i = 0; i < f.length; i++) f[i] = (float) ((f[i] - mean) * inv);
    }
}
