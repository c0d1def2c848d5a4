package org.dina.data.formats;

import java.nio.file.Path;
import java.util.Arrays;
import org.dina.data.Dataset;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;

/**
 * Allen Brain Observatory natural scenes as prepared for image identification: {@code Allen_train_input.npy} /
 * {@code Allen_test_input.npy} [images, 961] (31x31 flattened, 0–255) and {@code Allen_train_output.npy} /
 * {@code Allen_test_output.npy} [images, neurons] (responses averaged over 50 repeats). One trial per image; train
 * images first, then test; tiers TRAIN and TEST from the file names (a validation split is the caller's to carve).
 */
final class AllenReader extends GuardedReader {
    static final String TRAIN_IN = "Allen_train_input.npy", TRAIN_OUT = "Allen_train_output.npy";
    static final String TEST_IN = "Allen_test_input.npy", TEST_OUT = "Allen_test_output.npy";

    @Override public String name() { return "allen"; }

    @Override
    public String description() {
        return "folder with Allen_{train,test}_{input,output}.npy (flattened 31x31 images, averaged responses)";
    }

    @Override
    public boolean canRead(Path path) {
        return Readers.folderWith(path, TRAIN_IN, TRAIN_OUT);
    }

    @Override
    protected Dataset readDataset(Path dir, ReadOptions options, ReportBuilder report) throws DataFormatException {
        NpyArray trainIn = NpyArray.open(Readers.requireFile(dir, TRAIN_IN));
        NpyArray trainOut = NpyArray.open(Readers.requireFile(dir, TRAIN_OUT));
        NpyArray testIn = NpyArray.open(Readers.requireFile(dir, TEST_IN));
        NpyArray testOut = NpyArray.open(Readers.requireFile(dir, TEST_OUT));
        for (NpyArray a : new NpyArray[] {trainIn, testIn}) Readers.require(a, "images", 2);
        for (NpyArray a : new NpyArray[] {trainOut, testOut}) Readers.require(a, "responses", 2);
        ImageLayout train = ImageLayout.imageFirst(trainIn, options), test = ImageLayout.imageFirst(testIn, options);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new DataFormatException(testIn.file(), "test images are " + test.height() + "x" + test.width()
                    + " but train images are " + train.height() + "x" + train.width());
        }
        check(trainOut, train.count(), TRAIN_IN);
        check(testOut, test.count(), TEST_IN);
        if (trainOut.dim(1) != testOut.dim(1)) {
            throw new DataFormatException(testOut.file(), "test responses have " + testOut.dim(1) + " neurons but train responses "
                    + trainOut.dim(1));
        }
        int k = train.count() + test.count();
        ImageStack stack = new ImageStack(dir, k, train.height(), train.width());
        train.copyInto(stack, trainIn, 0);
        test.copyInto(stack, testIn, train.count());
        Tensor images = stack.finish(dir, options.scaling(), report);

        ConcatRows resp = ConcatRows.of("Allen train+test responses", trainOut, testOut);
        int n = trainOut.dim(1);
        long[] rowBase = new long[k];
        int[] ids = new int[k];
        Tier[] tiers = new Tier[k];
        for (int i = 0; i < k; i++) {
            rowBase[i] = (long) i * n;
            ids[i] = i;
            tiers[i] = i < train.count() ? Tier.TRAIN : Tier.TEST;
        }
        report.note(train.count() + " train + " + test.count() + " test images, one averaged response each; no validation tier");
        return TrialAssembly.build("allen " + dir, images, resp, rowBase, 1, n, null, ids, tiers, report).build();
    }

    private static void check(NpyArray out, int images, String inputName) throws DataFormatException {
        if (out.dim(0) != images) {
            throw new DataFormatException(out.file(), "responses " + Arrays.toString(out.shape()) + " have " + out.dim(0)
                    + " rows but " + inputName + " has " + images + " images");
        }
    }
}
