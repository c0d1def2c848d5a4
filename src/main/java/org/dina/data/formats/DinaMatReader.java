package org.dina.data.formats;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.dina.data.Dataset;
import org.dina.tensor.Tensor;

/**
 * The layout the DINA reference code loads: a folder with {@code images.mat} (variable {@code images} [N, H, W])
 * and {@code responses.mat} (variable {@code responses} [N, neurons]), MATLAB 7.3 (HDF5) or 5.0. Row i is one
 * trial of image i: N images, N trials, no repeats.
 */
final class DinaMatReader extends GuardedReader {
    @Override public String name() { return "dina-mat"; }

    @Override
    public String description() {
        return "folder with images.mat (images [N,H,W]) and responses.mat (responses [N,neurons]), MATLAB 7.3 or 5.0";
    }

    @Override
    public boolean canRead(Path path) {
        return Readers.folderWith(path, "images.mat", "responses.mat");
    }

    @Override
    protected Dataset readDataset(Path dir, ReadOptions options, ReportBuilder report) throws DataFormatException {
        Path imagesFile = Readers.requireFile(dir, "images.mat"), responsesFile = Readers.requireFile(dir, "responses.mat");
        Tensor images;
        int k;
        try (MatVariables im = MatVariables.open(imagesFile, Set.of("images"))) {
            NdArray a = im.array("images");
            ImageLayout layout = ImageLayout.imageFirst(a, options);
            k = layout.count();
            ImageStack stack = new ImageStack(imagesFile, k, layout.height(), layout.width());
            layout.copyInto(stack, a, 0);
            images = stack.finish(imagesFile, options.scaling(), report);
            report.note("images.mat is MATLAB " + (im.version() == MatVariables.Version.V73 ? "7.3 (HDF5)" : "5.0"));
        }
        try (MatVariables rm = MatVariables.open(responsesFile, Set.of("responses"))) {
            NdArray r = rm.array("responses");
            Readers.require(r, "responses", 2);
            int[] s = r.shape();
            if (s[0] != k) {
                String hint = s[1] == k ? " (it looks transposed: save it as [N, neurons])" : "";
                throw new DataFormatException(responsesFile, "responses " + Arrays.toString(s) + " have " + s[0]
                        + " rows but images.mat has " + k + " images" + hint);
            }
            long[] st = r.strides();
            long[] rowBase = new long[k];
            int[] ids = new int[k];
            for (int i = 0; i < k; i++) {
                rowBase[i] = i * st[0];
                ids[i] = i;
            }
            report.note("one trial per image (no repeats)");
            return TrialAssembly.build("dina-mat " + dir, images, r, rowBase, st[1], s[1], null, ids, null, report).build();
        }
    }
}
