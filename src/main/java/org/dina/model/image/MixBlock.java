package org.dina.model.image;

import org.dina.kernels.Elementwise;
import org.dina.kernels.Resize;
import org.dina.kernels.Layout;
import org.dina.nn.BatchNorm2d;
import org.dina.nn.Buffer;
import org.dina.nn.Buffers;
import org.dina.nn.Conv2dLayer;
import org.dina.nn.Gelu;
import org.dina.nn.Init;
import org.dina.nn.Layer;
import org.dina.nn.LayerNorm;
import org.dina.nn.Linear;
import org.dina.nn.ParameterSet;
import org.dina.nn.ResizeLayer;
import org.dina.tensor.Tensor;

/**
 * One DS-Net "dual stream" block: a local stream (depthwise 3x3 convolution) on half of the channels and a global
 * stream (self-attention over a coarse token grid) on the other half, fused by cross-attention between the two.
 * Follows the reference's order of operations (docs/reference.md, "What the release computes"), including, when built with
 * {@code scrambledCrossAttention}, the release's cross-attention output: {@code (attn @ v).transpose(1, 2).reshape(B,
 * N, C)} on [B, N, C] tensors, which reads the channel-major [B, C, N] result as if it were [B, N, C]. Without it
 * each token keeps its own attention output.
 */
public final class MixBlock implements Layer {
    private final String name;
    private final int dim, half, downsample;
    // step 1: positional depthwise conv; step 2: norm + 1x1 mix
    private final Conv2dLayer posConv;
    private final BatchNorm2d norm1;
    private final Conv2dLayer mix;
    // step 3: local stream
    private final BatchNorm2d convNorm;
    private final Conv2dLayer convLocal;
    // step 4: global stream
    private ResizeLayer saDown, saUp;
    private final LayerNorm saNorm;
    private final Linear saQkvSelf;
    private final AttentionOp saAttention;
    // step 5: cross attention between the streams
    private final BatchNorm2d crossConvNorm;
    private final Conv2dLayer crossConvQkv;
    private final LayerNorm crossSaNorm;
    private final Linear crossSaQkv;
    private final AttentionOp convAttendsSa, saAttendsConv;
    private final Linear convProj, saProj;
    // step 6: fuse and MLP
    private final Conv2dLayer fuse;
    private final BatchNorm2d norm2;
    private final Conv2dLayer mlpIn, mlpOut;
    private final Gelu gelu;
    private final boolean scrambled;

    /**
     * Slots that several buffers of a block take turns in, each written only once what it held is dead. The
     * [B, C, H, W] gradients: A holds mlp.fc1's input gradient, then dX3, dx2, norm1's; B norm2's, fuse's (dCat),
     * conv1's, pos's; C dx1 throughout. Forward-only outputs go into slots that only backward uses otherwise: A holds
     * pos, conv1, fuse and mlp.fc2 outputs in turn; the dConv1 slot the local conv's and the upsampling's; the dSaMap
     * slot sa0; tok1 proj_conv's output; the dConvQkvMap slot cross_conv_qkv's. In the MLP, mlp.fc2's input
     * gradient and then gelu's overwrite gelu's output once mlp.fc2's weight gradient has read it, and mlp.fc1's
     * output (gelu's input) is shared too: backward writes it again with one more GEMM and turns it into gelu's
     * derivative. It is a block's largest activation, four times its width: one copy instead of seven saves 0.55 GB
     * at batch 128 for 32 GFLOP more per step.
     * The input gradient a block returns alternates between two slots, even and odd blocks, since the block before
     * reads it while writing its own.
     */
    private static final String GRAD_A = "grad.a", GRAD_B = "grad.b", GRAD_C = "grad.c", D_CONV1 = "dConv1",
            D_SA_MAP = "dSaMap", TOK1 = "tok1", D_CONV_QKV_MAP = "dConvQkvMap", GELU = "gelu", MLP_HIDDEN = "mlp.fc1.out";

    /** The Linear weight initialisation of the release: timm's trunc_normal_(std=.02), bounds at ±2 absolute. */
    public static final Init REFERENCE_LINEAR_INIT = Init.truncatedNormalWithin(0.02, 2.0);
    /** This tool's earlier Linear weight initialisation: N(0, 0.02^2) truncated at ±2 standard deviations. */
    public static final Init TWO_SIGMA_LINEAR_INIT = Init.truncatedNormal(0.02);

    private int b, h, w, hs, ws, builtH, builtW;
    private Tensor sa0, saQkvSelfOut, dSaQkvSelf;
    private Tensor x1, x2, conv0, conv1, saTokens, sa1, convQkvTokens, saQkv, saProjMap, cat, x3, out;
    // the release's scrambled cross-attention outputs: the projections' inputs, kept for their backward
    private Tensor convCrossScrambled, saCrossScrambled;
    private Tensor tokScratch0, tokScratch1, mapScratch;
    // the block's input, for the forward that a recomputing stage runs again in backward
    private Tensor input;
    private Tensor dx, dx1, dx2, dConv1, dSaTokens, dSa1, dConvQkvTokens, dSaQkv, dSaMap, dConvQkvMap, dCat, dX3;
    // slots shared with the stage's other blocks: the transients and gradients above (the returned dx in one of two
    // that even and odd blocks take turns in)
    private final StageBuffers stage;
    private final Buffer dxSlot, sa0Slot, saProjMapSlot, tok0Slot, tok1Slot, mapSlot, dx1Slot, dx2Slot, dConv1Slot, dSaTokensSlot,
            dSa1Slot, dConvQkvTokensSlot, dSaQkvSlot, dSaMapSlot, dConvQkvMapSlot, dX3Slot, dSaQkvSelfSlot, dConvCrossSlot,
            dSaCrossSlot;
    // activations the block's own forward writes and its backward reads: its own buffers, or shared slots when the
    // stage recomputes them (StageBuffers#replayable)
    private final Buffer x1Slot, conv0Slot, conv1Slot, saTokensSlot, sa1Slot, convQkvTokensSlot, catSlot, x3Slot,
            convCrossScrambledSlot, saCrossScrambledSlot;

    /**
     * The release's block: scrambled cross-attention output, Linear weights by {@link #REFERENCE_LINEAR_INIT}.
     *
     * @param heads      heads of the global stream's self-attention
     * @param downsample the global stream works on an (H / downsample) x (W / downsample) token grid
     */
    public MixBlock(ParameterSet ps, String name, int dim, int heads, int downsample) {
        this(ps, name, dim, heads, downsample, true, REFERENCE_LINEAR_INIT);
    }

    /**
     * @param scrambledCrossAttention hand on the cross-attention output as the release does (see the class comment)
     * @param linearInit              how the Linear layers' weights are drawn (their biases start at 0)
     */
    public MixBlock(ParameterSet ps, String name, int dim, int heads, int downsample, boolean scrambledCrossAttention, Init linearInit) {
        this(ps, name, dim, heads, downsample, scrambledCrossAttention, linearInit, new StageBuffers());
    }

    /** A block whose transients and gradients live in {@code stage}'s slots, shared with the other blocks there. */
    MixBlock(ParameterSet ps, String name, int dim, int heads, int downsample, boolean scrambledCrossAttention, Init linearInit,
             StageBuffers stage) {
        if (dim % 2 != 0) throw new IllegalArgumentException("MixBlock " + name + ": dim must be even, got " + dim);
        this.name = name;
        this.dim = dim;
        this.half = dim / 2;
        this.downsample = downsample;
        this.scrambled = scrambledCrossAttention;
        posConv = new Conv2dLayer(ps, name + ".pos", dim, dim, 3, 3, 1, 1, dim, true);
        norm1 = new BatchNorm2d(ps, name + ".norm1", dim);
        mix = new Conv2dLayer(ps, name + ".conv1", dim, dim, 1, 1, 1, 0, 1, true);
        convNorm = new BatchNorm2d(ps, name + ".norm_conv", half);
        convLocal = new Conv2dLayer(ps, name + ".conv", half, half, 3, 3, 1, 1, half, true);
        saNorm = new LayerNorm(ps, name + ".norm_sa", half);
        saQkvSelf = new Linear(ps, name + ".attn.qkv", half, 3 * half, true, linearInit, Init.zeros());
        saAttention = new AttentionOp(heads, Math.pow((double) half / heads, -0.5));
        crossConvNorm = new BatchNorm2d(ps, name + ".norm_cross_conv", half);
        crossConvQkv = new Conv2dLayer(ps, name + ".cross_conv_qkv", half, 3 * half, 1, 1, 1, 0, 1, true);
        crossSaNorm = new LayerNorm(ps, name + ".norm_cross_sa", half);
        crossSaQkv = new Linear(ps, name + ".cross_sa_qkv", half, 3 * half, true, linearInit, Init.zeros());
        // the reference computes the cross-attention scale from the head count but attends with one head
        double scale = Math.pow((double) half / heads, -0.5);
        convAttendsSa = new AttentionOp(1, scale);
        saAttendsConv = new AttentionOp(1, scale);
        convProj = new Linear(ps, name + ".proj_conv", half, half, true, linearInit, Init.zeros());
        saProj = new Linear(ps, name + ".proj_sa", half, half, true, linearInit, Init.zeros());
        fuse = new Conv2dLayer(ps, name + ".fuse", dim, dim, 1, 1, 1, 0, 1, true);
        norm2 = new BatchNorm2d(ps, name + ".norm2", dim);
        mlpIn = new Conv2dLayer(ps, name + ".mlp.fc1", dim, 4 * dim, 1, 1, 1, 0, 1, true);
        gelu = new Gelu();
        mlpOut = new Conv2dLayer(ps, name + ".mlp.fc2", 4 * dim, dim, 1, 1, 1, 0, 1, true);
        this.stage = stage;
        dxSlot = stage.slot(stage.join() % 2 == 0 ? "dx.even" : "dx.odd");
        // outputs that only this block's forward reads, or that its backward writes again (gelu, the BatchNorms: cheap
        // elementwise passes), and all input gradients
        posConv.shareBuffers(stage.slot(GRAD_A), stage.slot(GRAD_B));
        norm1.shareBuffers(stage.slot("norm1.out"), stage.slot(GRAD_A));
        mix.shareBuffers(stage.slot(GRAD_A), stage.slot(GRAD_B));
        convNorm.shareBuffers(stage.slot("norm_conv.out"), stage.slot("norm_conv.grad"));
        convLocal.shareBuffers(stage.slot(D_CONV1), stage.slot("conv.grad"));
        saNorm.shareBuffers(null, stage.slot("norm_sa.grad"));
        saQkvSelf.shareBuffers(null, stage.slot("attn.qkv.grad"));
        crossConvNorm.shareBuffers(stage.slot("norm_cross_conv.out"), stage.slot("norm_cross_conv.grad"));
        crossConvQkv.shareBuffers(stage.slot(D_CONV_QKV_MAP), stage.slot("cross_conv_qkv.grad"));
        crossSaNorm.shareBuffers(null, stage.slot("norm_cross_sa.grad"));
        crossSaQkv.shareBuffers(null, stage.slot("cross_sa_qkv.grad"));
        convProj.shareBuffers(stage.slot(TOK1), stage.slot("proj_conv.grad"));
        saProj.shareBuffers(stage.slot("proj_sa.out"), stage.slot("proj_sa.grad"));
        fuse.shareBuffers(stage.slot(GRAD_A), stage.slot(GRAD_B));
        norm2.shareBuffers(stage.slot("norm2.out"), stage.slot(GRAD_B));
        mlpIn.shareBuffers(stage.slot(MLP_HIDDEN), stage.slot(GRAD_A));
        gelu.shareBuffers(stage.slot(GELU), stage.slot(GELU));
        // its weight gradient reads its input, gelu's output, before its input gradient overwrites it
        mlpOut.shareBuffers(stage.slot(GRAD_A), stage.slot(GELU));
        sa0Slot = stage.slot(D_SA_MAP);
        saProjMapSlot = stage.slot("saProjMap");
        tok0Slot = stage.slot("tok0");
        tok1Slot = stage.slot(TOK1);
        mapSlot = stage.slot("map");
        dx1Slot = stage.slot(GRAD_C);
        dx2Slot = stage.slot(GRAD_A);
        dConv1Slot = stage.slot(D_CONV1);
        dSaTokensSlot = stage.slot("dSaTokens");
        dSa1Slot = stage.slot("dSa1");
        dConvQkvTokensSlot = stage.slot("dConvQkvTokens");
        dSaQkvSlot = stage.slot("dSaQkv");
        dSaMapSlot = stage.slot(D_SA_MAP);
        dConvQkvMapSlot = stage.slot(D_CONV_QKV_MAP);
        dX3Slot = stage.slot(GRAD_A);
        dSaQkvSelfSlot = stage.slot("dSaQkvSelf");
        dConvCrossSlot = stage.slot("dConvCross");
        dSaCrossSlot = stage.slot("dSaCross");
        x1Slot = stage.replayable("x1");
        conv0Slot = stage.replayable("conv0");
        conv1Slot = stage.replayable("conv1");
        saTokensSlot = stage.replayable("saTokens");
        sa1Slot = stage.replayable("sa1");
        convQkvTokensSlot = stage.slot("convQkvTokens");
        catSlot = stage.replayable("cat");
        x3Slot = stage.replayable("x3");
        convCrossScrambledSlot = stage.replayable("convCrossScrambled");
        saCrossScrambledSlot = stage.replayable("saCrossScrambled");
        saNorm.shareBuffers(stage.replayable("norm_sa.out"), null);
        saQkvSelf.shareBuffers(stage.replayable("attn.qkv.out"), null);
        crossSaNorm.shareBuffers(stage.replayable("norm_cross_sa.out"), null);
        crossSaQkv.shareBuffers(stage.replayable("cross_sa_qkv.out"), null);
        saAttention.shareOutput(stage.replayable("attn.out"));
        convAttendsSa.shareOutput(stage.replayable("conv_attends_sa.out"));
        saAttendsConv.shareOutput(stage.replayable("sa_attends_conv.out"));
    }

    /** Switches every BatchNorm between batch statistics (training) and running statistics (evaluation). */
    public void setTraining(boolean training) {
        for (BatchNorm2d bn : new BatchNorm2d[] {norm1, convNorm, crossConvNorm, norm2}) bn.setTraining(training);
    }

    /** The BatchNorm layers, in a fixed order, for saving their running statistics. */
    public BatchNorm2d[] batchNorms() {
        return new BatchNorm2d[] {norm1, convNorm, crossConvNorm, norm2};
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != dim) {
            throw new IllegalArgumentException("MixBlock " + name + ": expected [B, " + dim + ", H, W] but got " + x.shapeString());
        }
        input = x;
        b = x.dim(0); h = x.dim(2); w = x.dim(3);
        hs = Math.max(1, h / downsample); ws = Math.max(1, w / downsample);
        if (saDown == null || builtH != h || builtW != w) {
            builtH = h;
            builtW = w;
            saDown = new ResizeLayer(name + ".down", Resize.Mode.NEAREST, hs, ws)
                    .shareBuffers(stage.slot("down.out"), stage.slot("down.grad"));
            saUp = new ResizeLayer(name + ".up", Resize.Mode.NEAREST, h, w).shareBuffers(stage.slot(D_CONV1), stage.slot("up.grad"));
        }
        // 1. x1 = x + DWConv(x)
        x1 = x1Slot.ensure(b, dim, h, w);
        Elementwise.add(x, posConv.forward(x), x1);
        // 2. x2 = Conv1x1(BN(x1)), split into the global half [0, C/2) and local half [C/2, C)
        x2 = mix.forward(norm1.forward(x1));
        conv0 = conv0Slot.ensure(b, half, h, w);
        Layout.copyChannels(x2, half, conv0, 0, half, false);
        sa0 = sa0Slot.ensure(b, half, h, w);
        Layout.copyChannels(x2, 0, sa0, 0, half, false);
        // 3. local stream: conv1 = conv0 + DWConv(BN(conv0))
        conv1 = conv1Slot.ensure(b, half, h, w);
        Elementwise.add(conv0, convLocal.forward(convNorm.forward(conv0)), conv1);
        // 4. global stream on the coarse grid: sa1 = sa + SelfAttention(LN(sa))
        Tensor saMap = saDown.forward(sa0);
        saTokens = saTokensSlot.ensure(b, hs * ws, half);
        Layout.mapToTokens(saMap, 0, saTokens, 0, half, false);
        sa1 = sa1Slot.ensure(b, hs * ws, half);
        saQkvSelfOut = saQkvSelf.forward(saNorm.forward(saTokens));
        Elementwise.add(saTokens, saAttention.forward(third(saQkvSelfOut, 0), third(saQkvSelfOut, 1), third(saQkvSelfOut, 2)), sa1);
        // 5. cross attention: each stream queries the other's keys and values
        Tensor convQkvMap = crossConvQkv.forward(crossConvNorm.forward(conv1));
        convQkvTokens = convQkvTokensSlot.ensure(b, h * w, 3 * half);
        Layout.mapToTokens(convQkvMap, 0, convQkvTokens, 0, 3 * half, false);
        saQkv = crossSaQkv.forward(crossSaNorm.forward(sa1));
        Tensor convCross = convAttendsSa.forward(third(convQkvTokens, 0), third(saQkv, 1), third(saQkv, 2));
        Tensor saCross = saAttendsConv.forward(third(saQkv, 0), third(convQkvTokens, 1), third(convQkvTokens, 2));
        if (scrambled) {
            convCross = scramble(convCross, convCrossScrambled = convCrossScrambledSlot.ensure(convCross.shape()));
            saCross = scramble(saCross, saCrossScrambled = saCrossScrambledSlot.ensure(saCross.shape()));
        }
        Tensor convProjected = convProj.forward(convCross);
        Tensor saProjected = saProj.forward(saCross);
        // 6. x3 = x1 + Conv1x1([conv, upsampled sa]); out = x3 + MLP(BN(x3))
        cat = catSlot.ensure(b, dim, h, w);
        Layout.tokensToMap(convProjected, 0, cat, 0, half, false);
        saProjMap = saProjMapSlot.ensure(b, half, hs, ws);
        Layout.tokensToMap(saProjected, 0, saProjMap, 0, half, false);
        Layout.copyChannels(saUp.forward(saProjMap), 0, cat, half, half, false);
        x3 = x3Slot.ensure(b, dim, h, w);
        Elementwise.add(x1, fuse.forward(cat), x3);
        out = Buffers.ensure(out, b, dim, h, w);
        Elementwise.add(x3, mlpOut.forward(gelu.forward(mlpIn.forward(norm2.forward(x3)))), out);
        return out;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        dOut.requireShape("MixBlock " + name + " backward", b, dim, h, w);
        // the stage's later blocks wrote their transients over ours, unless this block runs its forward again now
        boolean overwritten = stage.shared();
        if (stage.recompute()) {
            replayForward();
            overwritten = false;
        }
        // 6. out = x3 + MLP(BN(x3)); x3 = x1 + fuse(cat)
        dX3 = dX3Slot.ensure(b, dim, h, w);
        if (overwritten) {
            norm2.recomputeOutput();
            mlpIn.recomputeOutput();
        }
        // gelu's output again for mlp.fc2's weight gradient, and its derivative for its own backward, in one pass
        gelu.recomputeOutputAndDerivative();
        Elementwise.add(dOut, norm2.backward(mlpIn.backward(gelu.backward(mlpOut.backward(dOut)))), dX3);
        dCat = fuse.backward(dX3);
        dx1 = dx1Slot.ensure(b, dim, h, w);
        dX3.copyTo(dx1);
        // the upsampled global half of cat, back to the coarse grid and to token rows
        dSaMap = dSaMapSlot.ensure(b, half, h, w);
        Layout.copyChannels(dCat, half, dSaMap, 0, half, false);
        Tensor dSaProjMap = saUp.backward(dSaMap);
        Tensor dSaProjected = tokensOf(dSaProjMap, 0, 0);
        // the local half of cat is already at full resolution: read its token rows straight out of dCat
        Tensor dConvProjected = tokensOf(dCat, 0, 1);
        Tensor dConvCross = convProj.backward(dConvProjected);
        Tensor dSaCross = saProj.backward(dSaProjected);
        if (scrambled) {
            dConvCross = unscramble(dConvCross, dConvCrossSlot.ensure(dConvCross.shape()));
            dSaCross = unscramble(dSaCross, dSaCrossSlot.ensure(dSaCross.shape()));
        }
        // 5. cross attention: gather q, k, v gradients of both streams. The local stream's q, k, v token rows live in
        // a slot the stage's blocks share (0.2 GB less at batch 128): written again here with cross_conv_qkv's GEMM,
        // a twentieth of the block's, and one transpose
        if (overwritten) {
            crossConvNorm.recomputeOutput();
            Layout.mapToTokens(crossConvQkv.recomputeOutput(), 0, convQkvTokens, 0, 3 * half, false);
        }
        dConvQkvTokens = dConvQkvTokensSlot.ensure(b, h * w, 3 * half);
        dSaQkv = dSaQkvSlot.ensure(b, hs * ws, 3 * half);
        convAttendsSa.backward(dConvCross, third(dConvQkvTokens, 0), third(dSaQkv, 1), third(dSaQkv, 2));
        saAttendsConv.backward(dSaCross, third(dSaQkv, 0), third(dConvQkvTokens, 1), third(dConvQkvTokens, 2));
        dConvQkvMap = dConvQkvMapSlot.ensure(b, 3 * half, h, w);
        Layout.tokensToMap(dConvQkvTokens, 0, dConvQkvMap, 0, 3 * half, false);
        dConv1 = dConv1Slot.ensure(b, half, h, w);
        crossConvNorm.backward(crossConvQkv.backward(dConvQkvMap)).copyTo(dConv1);
        dSa1 = dSa1Slot.ensure(b, hs * ws, half);
        crossSaNorm.backward(crossSaQkv.backward(dSaQkv)).copyTo(dSa1);
        // 4. sa1 = saTokens + Attention(LN(saTokens))
        dSaTokens = dSaTokensSlot.ensure(b, hs * ws, half);
        dSaQkvSelf = dSaQkvSelfSlot.ensure(b, hs * ws, 3 * half);
        saAttention.backward(dSa1, third(dSaQkvSelf, 0), third(dSaQkvSelf, 1), third(dSaQkvSelf, 2));
        Elementwise.add(dSa1, saNorm.backward(saQkvSelf.backward(dSaQkvSelf)), dSaTokens);
        Tensor dSaCoarse = mapOf(dSaTokens, hs, ws);
        Tensor dSa0 = saDown.backward(dSaCoarse);
        // 3. conv1 = conv0 + DWConv(BN(conv0))
        dx2 = dx2Slot.ensure(b, dim, h, w);
        Layout.copyChannels(dConv1, 0, dx2, half, half, false);
        if (overwritten) convNorm.recomputeOutput();
        Layout.copyChannels(convNorm.backward(convLocal.backward(dConv1)), 0, dx2, half, half, true);
        Layout.copyChannels(dSa0, 0, dx2, 0, half, false);
        // 2. x2 = mix(BN(x1)); 1. x1 = x + DWConv(x)
        if (overwritten) norm1.recomputeOutput();
        Elementwise.addInPlace(dx1, norm1.backward(mix.backward(dx2)));
        dx = dxSlot.ensure(b, dim, h, w);
        Elementwise.add(dx1, posConv.backward(dx1), dx);
        return dx;
    }

    /**
     * The forward again on the same input, to refill the activations that a recomputing stage keeps in shared slots:
     * the same bits as the first time (same input, parameters and batch statistics), and the BatchNorms' running
     * estimates are left alone so the batch is not counted twice. Costs one more forward per block; saves all of the
     * block's activations but its output while other blocks run.
     */
    private void replayForward() {
        for (BatchNorm2d bn : batchNorms()) bn.holdRunningStats(true);
        try {
            forward(input);
        } finally {
            for (BatchNorm2d bn : batchNorms()) bn.holdRunningStats(false);
        }
    }

    /** Token rows [B, h*w, half] of channels [c0, c0 + half) of a map, in scratch buffer {@code which}. */
    private Tensor tokensOf(Tensor map, int c0, int which) {
        int hw = map.dim(2) * map.dim(3);
        Tensor t = which == 0 ? (tokScratch0 = tok0Slot.ensure(b, hw, half))
                : (tokScratch1 = tok1Slot.ensure(b, hw, half));
        Layout.mapToTokens(map, c0, t, 0, half, false);
        return t;
    }

    private Tensor mapOf(Tensor tokens, int hh, int ww) {
        mapScratch = mapSlot.ensure(b, half, hh, ww);
        Layout.tokensToMap(tokens, 0, mapScratch, 0, half, false);
        return mapScratch;
    }

    /**
     * out = y.transpose(1, 2).reshape(B, N, C) for y [B, N, C]: the channel-major copy of y, which is exactly what
     * writing y's tokens into a [B, C, 1, N] map lays out, seen as [B, N, C].
     */
    static Tensor scramble(Tensor y, Tensor out) {
        int bb = y.dim(0), n = y.dim(1), c = y.dim(2);
        Layout.tokensToMap(y, 0, out.reshape(bb, c, 1, n), 0, c, false);
        return out;
    }

    /** The gradient of {@link #scramble}: dy = dOut read as a [B, C, 1, N] map, back to [B, N, C] token rows. */
    static Tensor unscramble(Tensor dOut, Tensor dy) {
        int bb = dOut.dim(0), n = dOut.dim(1), c = dOut.dim(2);
        Layout.mapToTokens(dOut.reshape(bb, c, 1, n), 0, dy, 0, c, false);
        return dy;
    }

    /** The q, k or v third of a fused [B, L, 3 * half] projection, as a strided view. */
    private Tensor third(Tensor qkv, int which) {
        return qkv.slice(2, which * half, (which + 1) * half);
    }
}
