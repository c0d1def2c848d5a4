package org.dina.data.formats;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dina.tensor.Tensor;

/**
 * A stack of images under {@code stimulus/templates}: an {@code Images} group of {@code GrayscaleImage} (or
 * {@code RGBImage}) datasets, ordered by its {@code order_of_images} references when they can be followed and by
 * their names otherwise; or a series ({@code OpticalSeries}, {@code ImageSeries}, or the Allen
 * {@code natural_scenes_image_stack}) whose {@code data} is [images, height, width] (or with a colour axis last).
 * Colour images become gray by the mean of their red, green and blue channels.
 *
 * @param path   where in the file
 * @param kind   the neurodata_type, or "stack"
 * @param images one dataset per image (Images), or the single stack dataset
 * @param count  how many images
 * @param height image height
 * @param width  image width
 * @param colour whether each pixel has colour channels (the last axis)
 */
record NwbTemplates(String path, String kind, List<Dataset> images, int count, int height, int width, boolean colour) {

    static List<NwbTemplates> find(NwbFile f, List<String> notes) {
        List<NwbTemplates> out = new ArrayList<>();
        var templates = f.group("stimulus/templates");
        if (templates.isEmpty()) return out;
        for (Node n : NwbFile.children(templates.get())) {
            if (!(n instanceof Group g)) continue;
            NwbTemplates t = g.getChildren().get("data") instanceof Dataset d ? stack(g, d) : imagesGroup(f, g);
            if (t == null) notes.add("template " + NwbPresentations.path(g) + " (" + NwbFile.neurodataType(g) + ") passed over: no images in it");
            else out.add(t);
        }
        return out;
    }

    private static NwbTemplates stack(Group g, Dataset d) {
        int[] s = d.getDimensions();
        boolean colour = s.length == 4 && (s[3] == 3 || s[3] == 4);
        if (!(s.length == 3 || colour)) return null;
        String type = NwbFile.neurodataType(g);
        return new NwbTemplates(NwbPresentations.path(g), type.isEmpty() ? "stack" : type, List.of(d), s[0], s[1], s[2], colour);
    }

    private static NwbTemplates imagesGroup(NwbFile f, Group g) {
        List<Dataset> members = ordered(f, g);
        if (members.isEmpty()) return null;
        int[] s = members.get(0).getDimensions();
        boolean colour = s.length == 3;
        for (Dataset d : members) {
            int[] o = d.getDimensions();
            if (o.length != s.length || o[0] != s[0] || o[1] != s[1]) return null;
        }
        String type = NwbFile.neurodataType(g);
        return new NwbTemplates(NwbPresentations.path(g), type.isEmpty() ? "Images" : type, members, members.size(), s[0], s[1], colour);
    }

    /** The image datasets of an Images group, by order_of_images when it resolves, else by name (numbers as numbers). */
    private static List<Dataset> ordered(NwbFile f, Group g) {
        List<Dataset> byName = new ArrayList<>();
        for (Node n : NwbFile.children(g)) {
            if (n instanceof Dataset d && !n.getName().equals("order_of_images") && isImage(d)) byName.add(d);
        }
        byName.sort(Comparator.comparing(d -> naturalKey(d.getName())));
        if (g.getChildren().get("order_of_images") instanceof Dataset order) {
            try {
                Object refs = order.getData();
                if (refs instanceof long[] addresses && addresses.length == byName.size()) {
                    List<Dataset> out = new ArrayList<>();
                    for (long a : addresses) {
                        if (f.byAddress(a) instanceof Dataset d && isImage(d)) out.add(d);
                    }
                    if (out.size() == byName.size()) return out;
                }
            } catch (RuntimeException ignored) {
                // unreadable references: the names give the order
            }
        }
        return byName;
    }

    private static boolean isImage(Dataset d) {
        int[] s = d.getDimensions();
        return s.length == 2 || (s.length == 3 && (s[2] == 3 || s[2] == 4));
    }

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** Pads every run of digits so that image_2 sorts before image_10. */
    private static String naturalKey(String name) {
        Matcher m = DIGITS.matcher(name);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, String.format(Locale.ROOT, "%020d", new java.math.BigInteger(m.group()).min(
                java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue()));
        m.appendTail(sb);
        return sb.toString();
    }

    /** Reads the images [count, height, width] into [0, 1] by the scaling rule, one image at a time. */
    Tensor read(NwbFile f, ImageScaling scaling, ReportBuilder report) throws DataFormatException {
        ImageStack stack = new ImageStack(f.path(), count, height, width);
        int channels = colour ? (images.size() == 1 ? images.get(0).getDimensions()[3] : images.get(0).getDimensions()[2]) : 1;
        ElementType type = elementType(images.get(0));
        for (int k = 0; k < count; k++) {
            double[] v;
            if (images.size() == 1) {
                long[] at = colour ? new long[] {k, 0, 0, 0} : new long[] {k, 0, 0};
                int[] shape = colour ? new int[] {1, height, width, channels} : new int[] {1, height, width};
                v = f.slab(images.get(0), at, shape);
            } else {
                v = f.doubles(images.get(k));
            }
            if (colour) v = gray(v, channels);
            stack.put(k, new DoubleArray(f.path(), path + " image " + k, new int[] {height, width}, type, v), 0, width, 1);
        }
        if (colour) report.note("colour templates made gray: mean of the red, green and blue channels");
        return stack.finish(f.path(), scaling, report);
    }

    private double[] gray(double[] v, int channels) {
        double[] g = new double[height * width];
        for (int p = 0; p < g.length; p++) g[p] = (v[p * channels] + v[p * channels + 1] + v[p * channels + 2]) / 3.0;
        return g;
    }

    private static ElementType elementType(Dataset d) {
        var t = d.getDataType();
        if (t instanceof io.jhdf.object.datatype.FixedPoint fp) {
            return switch (fp.getSize()) {
                case 1 -> fp.isSigned() ? ElementType.INT8 : ElementType.UINT8;
                case 2 -> fp.isSigned() ? ElementType.INT16 : ElementType.UINT16;
                case 4 -> fp.isSigned() ? ElementType.INT32 : ElementType.UINT32;
                default -> fp.isSigned() ? ElementType.INT64 : ElementType.UINT64;
            };
        }
        if (t instanceof io.jhdf.object.datatype.FloatingPoint fl) return fl.getSize() == 4 ? ElementType.FLOAT32 : ElementType.FLOAT64;
        return ElementType.OTHER;
    }

    String describe() {
        return String.format(Locale.ROOT, "%s %s, %d images of %dx%d%s", path, kind, count, height, width, colour ? " (colour)" : "");
    }
}
