package org.dina.data.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dina.data.Dataset;
import org.dina.tensor.Tensor;

/**
 * Antolík et al. 2016 (mouse V1, one value per presentation), as redistributed: a region folder with
 * {@code raw_validation_set.npy} [repeats, 50, neurons] and {@code validation_inputs.npy} [50, 961], 31x31 images
 * flattened row by row and scaled to 0…255e-6. Trial r*50 + k showed image k; min-max scaling undoes the 1e-6.
 * {@code validation_set.npy} (the repeat means) is not needed and ignored.
 */
final class Antolik2016Reader extends GuardedReader {
    static final String RESPONSES = "raw_validation_set.npy", IMAGES = "validation_inputs.npy";

    @Override public String name() { return "antolik2016"; }

    @Override
    public String description() {
        return "Antolik et al. 2016 region folder: raw_validation_set.npy [R,K,N] + validation_inputs.npy [K,961]";
    }

    @Override
    public boolean canRead(Path path) {
        return Readers.folderWith(path, RESPONSES, IMAGES);
    }

    @Override
    protected Dataset readDataset(Path dir, ReadOptions options, ReportBuilder report) throws DataFormatException {
        NpyArray img = NpyArray.open(Readers.requireFile(dir, IMAGES));
        Readers.require(img, "images", 2);
        ImageLayout layout = ImageLayout.imageFirst(img, options);
        ImageStack stack = new ImageStack(img.file(), layout.count(), layout.height(), layout.width());
        layout.copyInto(stack, img, 0);
        Tensor images = stack.finish(img.file(), options.scaling(), report);

        NpyArray resp = NpyArray.open(Readers.requireFile(dir, RESPONSES));
        Readers.require(resp, "responses", 3);
        int[] s = resp.shape();
        int k = layout.count();
        if (s[1] != k) {
            throw new DataFormatException(resp.file(), "responses " + Arrays.toString(s) + " are [repeats, images, neurons] but "
                    + IMAGES + " has " + k + " images");
        }
        long[] st = resp.strides();
        int t = Math.multiplyExact(s[0], k);
        long[] rowBase = new long[t];
        int[] ids = new int[t];
        for (int r = 0; r < s[0]; r++) {
            for (int i = 0; i < k; i++) {
                rowBase[r * k + i] = r * st[0] + i * st[1];
                ids[r * k + i] = i;
            }
        }
        Tensor mapped = resp.mappedFloatTensor();
        if (mapped != null) mapped = mapped.reshape(t, s[2]);
        report.note(s[0] + " repeats of " + k + " images; trial r*" + k + " + k showed image k");
        if (Files.exists(dir.resolve("training_inputs.npy"))) {
            report.note("training_inputs.npy / training_set.npy (repeat-averaged) not read: only the single-trial validation set is");
        }
        return TrialAssembly.build("antolik2016 " + dir, images, resp, rowBase, st[2], s[2], mapped, ids, null, report).build();
    }
}
