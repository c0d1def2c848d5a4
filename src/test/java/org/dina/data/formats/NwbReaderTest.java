package org.dina.data.formats;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dina.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NWB fixtures (schema-faithful, written by make_nwb.py) reproduce manifest.json: the images, the trials, and the
 * trial responses under the default window and with a baseline; the bad files fail with one line naming the file.
 */
class NwbReaderTest {
    @TempDir Path dir;
    static JsonNode manifest;

    @BeforeAll
    static void readManifest() throws IOException {
        manifest = new ObjectMapper().readTree(NwbFixtures.manifest());
    }

    private ReadResult load(String name, ReadOptions options) throws IOException {
        return Formats.load(NwbFixtures.copy(name, dir), options);
    }

    @ParameterizedTest
    @ValueSource(strings = {NwbFixtures.TWO_PLANES, NwbFixtures.OPTICAL, NwbFixtures.ALLEN})
    void reproducesTheManifest(String name) throws IOException {
        JsonNode m = manifest.get(name);
        check(m, m.get("default"), load(name, null));
        Path second = Files.createDirectories(dir.resolve("again"));
        check(m, m.get("baseline"), Formats.load(NwbFixtures.copy(name, second), ReadOptions.defaults().withTrialWindow(TrialWindow.parse("0.1:0.5", "-0.5:0"))));
    }

    private static void check(JsonNode m, JsonNode e, ReadResult r) {
        checkTrials(m, e, r);
        Dataset d = r.dataset();
        // raw pixel sum: the images were scaled by 255 (uint8) or min-max over 0..255 (the Allen float32 stack)
        double pixels = 0;
        for (long i = 0; i < d.images().numel(); i++) pixels += d.images().getFlat(i);
        double raw;
        if (r.report().imageScaling().startsWith("divided by 255")) raw = pixels * 255;
        else raw = pixels * (r.report().rawImageMax() - r.report().rawImageMin()) + d.images().numel() * r.report().rawImageMin();
        assertEquals(m.get("imagesSum").asDouble(), raw, 0.05);
        JsonNode chosen = m.get("chosen");
        List<String> notes = r.report().notes();
        for (JsonNode p : chosen.get("responses")) assertTrue(notes.stream().anyMatch(n -> n.startsWith("responses (chosen): " + p.asText() + " ")), p + " in " + notes);
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("presentations (chosen): " + chosen.get("presentations").asText() + " ")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("templates (chosen): " + chosen.get("templates").asText() + " ")), notes.toString());
    }

    /** Shapes, trials, image ids and trial responses against the manifest entry {@code m} and its window entry {@code e}. */
    private static void checkTrials(JsonNode m, JsonNode e, ReadResult r) {
        Dataset d = r.dataset();
        assertEquals("nwb", r.report().format());
        assertEquals(m.get("images").get(0).asInt(), d.imageCount());
        assertEquals(m.get("images").get(1).asInt(), d.height());
        assertEquals(m.get("images").get(2).asInt(), d.width());
        assertEquals(m.get("trials").asInt(), d.trialCount());
        assertEquals(m.get("excluded").asInt(), r.report().excludedTrials());
        assertEquals(e.get("neurons").asInt(), d.neuronCount());
        int idSum = 0;
        for (int id : d.imageIds()) idSum += id;
        assertEquals(m.get("imageIdsSum").asInt(), idSum);
        for (int i = 0; i < m.get("firstImageIds").size(); i++) assertEquals(m.get("firstImageIds").get(i).asInt(), d.imageId(i));
        double sum = 0;
        for (long i = 0; i < d.responses().numel(); i++) sum += d.responses().getFlat(i);
        assertEquals(e.get("sum").asDouble(), sum, 1e-4, "sum of trial responses");
        for (JsonNode v : e.get("values")) {
            int t = v.get("index").get(0).asInt(), j = v.get("index").get(1).asInt();
            assertEquals(v.get("value").asDouble(), d.responses().get(t, j), 1e-6, "response " + t + ", " + j);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {NwbFixtures.PLANES, NwbFixtures.SESSIONS})
    void severalFilesOfOneSubjectReproduceTheManifest(String name) throws IOException {
        JsonNode m = manifest.get(name);
        Path folder = NwbFixtures.copyFolder(name, dir);
        assertEquals("nwb", Formats.detect(folder).name());
        ReadResult r = Formats.load(folder, null);
        checkTrials(m, m.get("default"), r);
        checkTrials(m, m.get("baseline"), Formats.load(folder, ReadOptions.defaults().withTrialWindow(TrialWindow.parse("0.1:0.5", "-0.5:0"))));
        int sessions = name.equals(NwbFixtures.PLANES) ? 1 : 2;
        assertTrue(r.report().notes().stream().anyMatch(n -> n.startsWith(m.get("files").size() + " files joined: " + sessions + " session(s)")),
                r.report().notes().toString());
        // the same files named one by one, comma-separated, read the same
        StringBuilder list = new StringBuilder();
        for (JsonNode f : m.get("files")) list.append(list.isEmpty() ? "" : ",").append(folder.resolve(f.asText()));
        Dataset again = Formats.read(Path.of(list.toString()), null);
        assertEquals(sum(r.dataset()), sum(again), 0.0);
    }

    @Test
    void joinedSessionsMatchTrialsByImageAndRepeat() throws IOException {
        Dataset d = Formats.read(NwbFixtures.copyFolder(NwbFixtures.SESSIONS, dir), null);
        // image 5 was shown once in the second session: one joined trial; the others two
        assertEquals(1, d.repeatsOf(5));
        for (int k = 0; k < 5; k++) assertEquals(2, d.repeatsOf(k), "image " + k);
    }

    @Test
    void filesOfTwoSubjectsOrOtherImagesAreRefused() throws IOException {
        Path two = NwbFixtures.copyFolder(NwbFixtures.TWO_SUBJECTS, dir);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Formats.load(two, null));
        assertTrue(e.getMessage().startsWith(two.resolve("sub-02_ses-1.nwb") + ": subject 'mouse-02' but sub-01_ses-1.nwb is subject 'mouse-01'"),
                e.getMessage());
        Path planes = NwbFixtures.copyFolder(NwbFixtures.PLANES, dir);
        Path other = NwbFixtures.copy(NwbFixtures.TWO_PLANES, dir);
        e = assertThrows(DataFormatException.class,
                () -> Formats.load(Path.of(planes.resolve("sub-01_ses-1_plane-0.nwb") + "," + other), null));
        assertTrue(e.getMessage().startsWith(other + ": image 0 differs from the same image in sub-01_ses-1_plane-0.nwb"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        e = assertThrows(DataFormatException.class, () -> Formats.load(Path.of(other + "," + dir.resolve("absent.nwb")), null));
        assertTrue(e.getMessage().startsWith(dir.resolve("absent.nwb") + ": no such file"), e.getMessage());
    }

    @Test
    void detectedByItsExtension() throws IOException {
        assertEquals("nwb", Formats.detect(NwbFixtures.copy(NwbFixtures.ALLEN, dir)).name());
    }

    @Test
    void theWindowChangesTheResponses() throws IOException {
        Dataset a = load(NwbFixtures.TWO_PLANES, null).dataset();
        Path second = Files.createDirectories(dir.resolve("again"));
        Dataset b = Formats.load(NwbFixtures.copy(NwbFixtures.TWO_PLANES, second),
                ReadOptions.defaults().withTrialWindow(TrialWindow.parse("0.6:0.9", null))).dataset();
        assertNotEquals(a.responses().get(0, 0), b.responses().get(0, 0));
    }

    @Test
    void theStimulusCanBeNamed() throws IOException {
        ReadResult r = load(NwbFixtures.TWO_PLANES, ReadOptions.defaults().withStimulus("natural_images_index"));
        assertTrue(r.report().notes().stream().anyMatch(n -> n.startsWith("presentations (chosen): stimulus/presentation/natural_images_index ")));
        assertEquals(manifest.get(NwbFixtures.TWO_PLANES).get("default").get("sum").asDouble(),
                sum(r.dataset()), 1e-4, "the IndexSeries says what the table says");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Formats.load(dir.resolve(NwbFixtures.TWO_PLANES), ReadOptions.defaults().withStimulus("nope")));
        assertTrue(e.getMessage().contains("no presentation table or IndexSeries named 'nope'"), e.getMessage());
    }

    @Test
    void presentationsOutsideTheRecordingAreLeftOutAndCounted() throws IOException {
        // a window 20 s late leaves only the presentations whose window still falls inside the 24 s recording
        ReadResult r = load(NwbFixtures.TWO_PLANES, ReadOptions.defaults().withTrialWindow(TrialWindow.parse("5:5.5", null)));
        assertTrue(r.dataset().trialCount() < 18, "trials " + r.dataset().trialCount());
        assertEquals(18 - r.dataset().trialCount(), r.report().excludedTrials());
    }

    private static double sum(Dataset d) {
        double s = 0;
        for (long i = 0; i < d.responses().numel(); i++) s += d.responses().getFlat(i);
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {NwbFixtures.MISSING_TABLE, NwbFixtures.INDEX_OUT_OF_RANGE, NwbFixtures.NON_MONOTONIC})
    void badFilesFailWithOneLineNamingTheFile(String name) throws IOException {
        Path f = NwbFixtures.copy(name, dir);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Formats.load(f, null));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        String expected = switch (name) {
            case NwbFixtures.MISSING_TABLE -> "no stimulus presentations";
            case NwbFixtures.INDEX_OUT_OF_RANGE -> "shows image 9 but stimulus/templates/natural_images has 6 images";
            default -> "timestamps are not monotonic";
        };
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void badWindowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrialWindow.parse("0.5:0.1", null));
        assertThrows(IllegalArgumentException.class, () -> TrialWindow.parse("0.1", null));
        assertThrows(IllegalArgumentException.class, () -> TrialWindow.parse(null, "a:b"));
        assertFalse(TrialWindow.parse(null, "none").hasBaseline());
        assertEquals(TrialWindow.DEFAULT, TrialWindow.parse(null, null));
    }
}
