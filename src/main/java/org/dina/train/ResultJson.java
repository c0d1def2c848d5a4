package org.dina.train;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The one Jackson mapper behind the result files ({@code metrics.json}, {@code compare.json}, {@code analysis.json}
 * and the parts and summaries beside them), which are written from records: property names are the record
 * components in snake_case ({@code chanceTop1} becomes {@code chance_top1}; names the rule cannot make carry
 * {@code @JsonProperty}), in the order the components are declared, indented. JSON has no NaN or infinity, so a
 * non-finite number is written as {@code null}, and a {@code null} read back into a {@code double} is NaN again.
 */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // a file written by a newer version (one more key) is still read
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("finite-numbers")
                    .addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(Double.TYPE, new FiniteDouble())
                    .addSerializer(double[].class, new FiniteDoubles())
                    .addDeserializer(Double.TYPE, new NumberDeserializers.DoubleDeserializer(Double.TYPE, Double.NaN))
                    .addDeserializer(double[].class, new NullAsNaN()));

    private ResultJson() {}

    /** The document as text, ending with a newline. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            // records of numbers, strings and lists always serialise; failing here is a programming error
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The document as a tree, numbers as they would be written (to compare documents, or to drop a part of one). */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Writes the document atomically (temporary file, then rename), creating the folder if needed. */
    public static void write(Path file, Object value) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        AtomicFiles.writeString(file, text(value));
    }

    /** Reads a result file back into its record; one line naming the file when it is not valid JSON of that shape. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": missing");
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a valid " + file.getFileName() + " (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** A double, or null when it is NaN or infinite. */
    private static final class FiniteDouble extends StdSerializer<Double> {
        FiniteDouble() { super(Double.class); }

        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (Double.isFinite(v)) g.writeNumber(v);
            else g.writeNull();
        }
    }

    /** An array of doubles with each non-finite one as null. */
    private static final class FiniteDoubles extends StdSerializer<double[]> {
        FiniteDoubles() { super(double[].class); }

        @Override
        public void serialize(double[] v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(v, v.length);
            for (double x : v) {
                if (Double.isFinite(x)) g.writeNumber(x);
                else g.writeNull();
            }
            g.writeEndArray();
        }
    }

    /** An array of doubles in which null (a non-finite number when written) reads as NaN. */
    private static final class NullAsNaN extends StdDeserializer<double[]> {
        NullAsNaN() { super(double[].class); }

        @Override
        public double[] deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (!p.isExpectedStartArrayToken()) return (double[]) ctx.handleUnexpectedToken(double[].class, p);
            double[] out = new double[8];
            int n = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (n == out.length) out = Arrays.copyOf(out, 2 * n);
                out[n++] = switch (t) {
                    case VALUE_NULL -> Double.NaN;
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                    default -> (Double) ctx.handleUnexpectedToken(Double.TYPE, p);
                };
            }
            return Arrays.copyOf(out, n);
        }
    }
}
