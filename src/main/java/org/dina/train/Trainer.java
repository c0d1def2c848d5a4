package org.dina.train;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;
import org.dina.nn.AdamW;
import org.dina.nn.Optimizer;
import org.dina.nn.ReduceLrOnPlateau;
import org.dina.nn.RmsProp;
import org.dina.tensor.Tensor;

/**
 * Trains DINA as the reference does, minus its leaks: AdamW on the image tower, RMSprop on the neural tower, one
 * ReduceLROnPlateau each on the validation loss, early stopping, best (by validation loss) and last checkpoints
 * after every epoch, handed to a {@link CheckpointSink} (a run folder, or nothing when training in memory). Progress
 * goes to a {@link TrainingListener}. Batches depend only on (seed, epoch), so a resumed run continues bit for bit.
 */
public final class Trainer {
    private final DinaConfig cfg;
    private final DinaModel model;
    private final TrainingData data;
    private final CheckpointSink sink;
    private final TrainingListener listener;
    private final Optimizer imageOpt, neuralOpt, tauOpt;
    private final ReduceLrOnPlateau imagePlateau, neuralPlateau;
    private final Checkpoint.Optimisation optimisation;
    private final DivergenceGuard guard;
    private final Map<Integer, Tensor[]> batchBuffers = new java.util.HashMap<>();
    private Tensor imageBatch, responseBatch;
    private TrainingState state = TrainingState.start();
    private History history = new History();

    /** Checkpoints and history into {@code run}; progress as a {@code train} task of {@link org.dina.progress.Progress}. */
    public Trainer(DinaModel model, TrainingData data, RunFolder run) {
        this(model, data, CheckpointSink.into(run), TrainingListener.progress());
    }

    public Trainer(DinaModel model, TrainingData data, CheckpointSink sink, TrainingListener listener) {
        this.cfg = model.config();
        this.model = model;
        this.data = data;
        this.sink = sink;
        this.listener = listener;
        DinaConfig.Train t = cfg.train();
        imageOpt = new AdamW(model.image().trainableValues(), model.image().trainableGrads(),
                AdamW.Config.DEFAULTS.withLr(t.imageLr()).withWeightDecay(t.imageWeightDecay()));
        neuralOpt = new RmsProp(model.neural().parameters().values(), model.neural().parameters().grads(),
                RmsProp.Config.DEFAULTS.withLr(t.neuralLr()).withAlpha(t.neuralAlpha()));
        tauOpt = new AdamW(model.temperature().values(), model.temperature().grads(),
                AdamW.Config.DEFAULTS.withLr(t.imageLr()).withWeightDecay(0));
        ReduceLrOnPlateau.Config plateau = ReduceLrOnPlateau.Config.DEFAULTS.withFactor(t.plateauFactor()).withPatience(t.plateauPatience());
        imagePlateau = new ReduceLrOnPlateau(imageOpt, plateau);
        neuralPlateau = new ReduceLrOnPlateau(neuralOpt, plateau);
        Map<String, Optimizer> opts = new LinkedHashMap<>();
        opts.put("image", imageOpt);
        opts.put("neural", neuralOpt);
        opts.put("temperature", tauOpt);
        Map<String, ReduceLrOnPlateau> scheds = new LinkedHashMap<>();
        scheds.put("image", imagePlateau);
        scheds.put("neural", neuralPlateau);
        optimisation = new Checkpoint.Optimisation(opts, scheds);
        guard = new DivergenceGuard(model, sink);
    }

    /** Continues from a checkpoint written by this trainer (model, optimisers, schedulers, counters, history). */
    public void resumeFrom(Checkpoint.Loaded ckpt, History saved) {
        ckpt.restoreModel(model);
        ckpt.restoreOptimisation(optimisation);
        adoptChangedLearningRates(ckpt.config().train());
        double seconds = saved.epochs().isEmpty() ? 0 : saved.epochs().get(saved.epochs().size() - 1).seconds();
        state = ckpt.state(seconds);
        history = saved.upTo(state.epochsDone());
    }

    /** A learning rate changed since the checkpoint (lowered after a divergence) replaces the restored one. */
    private void adoptChangedLearningRates(DinaConfig.Train saved) {
        DinaConfig.Train now = cfg.train();
        if (saved.imageLr() != now.imageLr()) {
            imageOpt.setLr(now.imageLr());
            tauOpt.setLr(now.imageLr());
        }
        if (saved.neuralLr() != now.neuralLr()) neuralOpt.setLr(now.neuralLr());
    }

    public TrainingState state() { return state; }
    public History history() { return history; }

    /** Runs epochs until the configured count or early stopping; returns the final state. */
    public TrainingState fit() throws IOException {
        return fitUntil(cfg.train().epochs());
    }

    /** Like {@link #fit()} but stops once {@code epochLimit} epochs are done (an interruption, for resume tests). */
    public TrainingState fitUntil(int epochLimit) throws IOException {
        DinaConfig.Train t = cfg.train();
        int total = Math.min(t.epochs(), epochLimit);
        long start = System.nanoTime();
        double before = state.trainSeconds();
        t.scheduleWarning().ifPresent(listener::note);
        listener.started(state.epochsDone(), total);
        try {
            while (state.epochsDone() < total && state.badEpochs() < t.earlyStopPatience()) {
                int epoch = state.epochsDone();
                double trainLoss = trainEpoch(epoch);
                double valLoss = validationLoss();
                guard.checkEpoch(epoch, valLoss, state.epochsDone());
                imagePlateau.step(valLoss);
                neuralPlateau.step(valLoss);
                boolean improved = valLoss < state.bestValLoss();
                double seconds = before + (System.nanoTime() - start) / 1e9;
                state = new TrainingState(epoch + 1, improved ? valLoss : state.bestValLoss(), improved ? epoch : state.bestEpoch(),
                        improved ? 0 : state.badEpochs() + 1, seconds);
                History.Epoch done = new History.Epoch(epoch, trainLoss, valLoss, imageOpt.lr(), neuralOpt.lr(), model.tau(), seconds);
                history.epochs().add(done);
                if (improved) sink.save(CheckpointSink.Slot.BEST, model, data.normalizer(), optimisation, state);
                sink.save(CheckpointSink.Slot.LAST, model, data.normalizer(), optimisation, state);
                sink.history(history);
                listener.epochEnded(done, state);
            }
        } finally {
            listener.finished(state);
        }
        return state;
    }

    private double trainEpoch(int epoch) {
        PairSet train = data.train();
        List<int[]> batches = Batches.shuffled(train.imageIds(), cfg.train().batch(), cfg.seed(), epoch);
        model.setTraining(true);
        double sum = 0;
        int count = 0;
        for (int step = 0; step < batches.size(); step++) {
            int[] rows = batches.get(step);
            loadBatch(train, rows);
            model.zeroGrad();
            double loss = model.trainStep(imageBatch, responseBatch);
            guard.checkStep(epoch, step, batches.size(), loss, state.epochsDone());
            imageOpt.step();
            neuralOpt.step();
            if (cfg.loss().learnTemperature()) tauOpt.step();
            model.neural().weightsChanged();
            sum += loss * rows.length;
            count += rows.length;
        }
        return sum / count;
    }

    /** Mean loss (InfoNCE plus any weighted map terms) over fixed validation batches, in evaluation mode. */
    public double validationLoss() {
        PairSet val = data.validation();
        model.setTraining(false);
        double sum = 0;
        int count = 0;
        for (int[] rows : Batches.inOrder(val.imageIds(), cfg.train().batch())) {
            loadBatch(val, rows);
            sum += model.evaluate(imageBatch, responseBatch) * rows.length;
            count += rows.length;
        }
        return sum / count;
    }

    private void loadBatch(PairSet pairs, int[] rows) {
        int[] images = new int[rows.length];
        for (int i = 0; i < rows.length; i++) images[i] = pairs.imageIds()[rows[i]];
        // one pair of buffers per batch size (full batches and the last, smaller one), made once
        Tensor[] buffers = batchBuffers.computeIfAbsent(rows.length, n -> new Tensor[] {
                Tensor.zeros(Rows.batchShape(data.imageInputs(), n)), Tensor.zeros(n, pairs.responses().dim(1))});
        imageBatch = buffers[0];
        responseBatch = buffers[1];
        Rows.gather(data.imageInputs(), images, imageBatch);
        Rows.gather(pairs.responses(), rows, responseBatch);
    }
}
