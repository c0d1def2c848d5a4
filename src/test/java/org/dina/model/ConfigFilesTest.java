package org.dina.model;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
    @Test
    void shippedConfigsParseAndRoundTripThroughJson() {
        for (String name : new String[] {"default", "paper", "joint", "antolik", "allen", "natimg2800"}) {
            DinaConfig c = ConfigFiles.builtIn(name);
            assertEquals(name, c.name());
            assertEquals(c, ConfigFiles.fromJson(ConfigFiles.toJson(c), "test"));
            assertEquals(c, ConfigFiles.read(Path.of("configs", name + ".yaml")));
        }
        DinaConfig paper = ConfigFiles.builtIn("paper");
        assertEquals(512, paper.model().neuralDim());
        assertEquals(5000, paper.train().epochs());
        assertEquals(128, paper.train().batch());
    }

    @Test
    void badConfigsGiveOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        String good = Files.readString(Path.of("configs/default.yaml"));
        Path missing = dir.resolve("missing.yaml");
        Files.writeString(missing, good.replaceAll("(?m)^  heads: 1\\n", ""));
        var e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()) && e.getMessage().contains("missing key 'model.heads'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        Path wrong = dir.resolve("wrong.yaml");
        Files.writeString(wrong, good.replace("split: images", "split: random"));
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(wrong));
        assertTrue(e.getMessage().contains("data.split"), e.getMessage());

        Path negative = dir.resolve("negative.yaml");
        Files.writeString(negative, good.replace("rmseWeight: 0.0", "rmseWeight: -0.5"));
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(negative));
        assertTrue(e.getMessage().contains("loss.rmseWeight") && !e.getMessage().contains("\n"), e.getMessage());
        Path mapTerms = dir.resolve("map-terms.yaml");
        Files.writeString(mapTerms, good.replace("rmseWeight: 0.0, ssimWeight: 0.0", "rmseWeight: 0.25, ssimWeight: 0.5")
                .replaceAll("mapNormalisation: \\w+", "mapNormalisation: minmax"));
        assertEquals(new DinaConfig.Loss(0.1, false, 0.25, 0.5), ConfigFiles.read(mapTerms).loss());

        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, good.replace("batch: 128", "bacth: 128"));
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(typo));
        assertTrue(e.getMessage().contains("unknown key 'train.bacth'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(dir.resolve("nope.yaml")));
    }

    @Test
    void overridesSetAnyKeyWrittenAsInYaml() {
        DinaConfig c = ConfigFiles.read(Path.of("configs/default.yaml"),
                List.of("model.mapNormalisation=zscore", "model.mapChannels=4", "model.neuralMlp=[1024]", "train.epochs=7", "seed=9"));
        assertEquals(MapNormalisation.ZSCORE, c.model().mapNormalisation());
        assertEquals(4, c.model().mapChannels());
        assertEquals(List.of(1024), c.model().neuralMlp());
        assertEquals(7, c.train().epochs());
        assertEquals(9, c.seed());
        assertEquals(c, ConfigFiles.fromJson(ConfigFiles.toJson(c), "test"));
        assertEquals(7, ConfigFiles.builtIn("default", List.of("train.epochs=7")).train().epochs());

        var e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(Path.of("configs/default.yaml"), List.of("model.mapChannels=4")));
        assertTrue(e.getMessage().contains("model.mapChannels=4") && e.getMessage().contains("1024"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(Path.of("configs/default.yaml"), List.of("model.mapScaling=none")));
        assertTrue(e.getMessage().contains("unknown key 'model.mapScaling'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(Path.of("configs/default.yaml"), List.of("modle.heads=2")));
        assertTrue(e.getMessage().contains("no section 'modle'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(Path.of("configs/default.yaml"), List.of("train.epochs")));
        assertTrue(e.getMessage().contains("KEY=VALUE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(Path.of("configs/default.yaml"), List.of("model.mapNormalisation=sigmoid")));
        assertTrue(e.getMessage().contains("minmax, zscore, none") && !e.getMessage().contains("\n"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(Path.of("configs/default.yaml"),
                List.of("model.mapNormalisation=none", "loss.ssimWeight=0.5")));
        assertTrue(e.getMessage().contains("loss.ssimWeight needs model.mapNormalisation: minmax"), e.getMessage());
    }

    @Test
    void configsWrittenBeforeLaterKeysMeanWhatTheyWereMadeWith(@TempDir Path dir) throws IOException {
        String good = Files.readString(Path.of("configs/paper.yaml"));
        Path old = dir.resolve("old.yaml");
        Files.writeString(old, good.replaceAll("(?m)^  (mapNormalisation|mapChannels|neuralResidual|imageHeadHidden|crossAttention|initialisation): .*\\n", "")
                .replace(", ssimPadding: zero", ""));
        assertFalse(Files.readString(old).contains("mapChannels"));
        assertFalse(Files.readString(old).contains("ssimPadding"));
        DinaConfig c = ConfigFiles.read(old);
        // the maps: the release, which was all there was
        assertEquals(MapNormalisation.MINMAX, c.model().mapNormalisation());
        assertEquals(1, c.model().mapChannels());
        assertFalse(c.model().neuralResidual());
        // what this tool computed before the keys existed, so that an old run folder evaluates as it was trained
        assertEquals(CrossAttention.CLEAN, c.model().crossAttention());
        assertEquals(Initialisation.XAVIER, c.model().initialisation());
        assertEquals(org.dina.nn.SsimPadding.REFLECT, c.loss().ssimPadding());
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(ConfigFiles.toJson(c));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("model")).remove(DinaConfig.Model.LATER_KEYS.keySet());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("loss")).remove(DinaConfig.Loss.LATER_KEYS.keySet());
        String json = tree.toString();
        assertFalse(json.contains("mapChannels") || json.contains("crossAttention") || json.contains("ssimPadding"), json);
        assertEquals(c, ConfigFiles.fromJson(json, "old run folder"));
    }

    @Test
    void everyTypedKeyNamesItselfAndItsValuesWhenWrong() {
        Path file = Path.of("configs/default.yaml");
        for (String[] c : new String[][] {{"data.split=random", "data.split must be one of images, repeats, got random"},
                {"data.split=dataset_tiers", "data.split must be one of images, repeats, got dataset_tiers"},
                {"data.trials=mean", "data.trials must be one of single, averaged, got mean"},
                {"model.imageTower=trained", "model.imageTower must be one of frozen, joint, got trained"},
                {"model.neuralAttention=fast", "model.neuralAttention must be one of shortcut, direct, got fast"}}) {
            var e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(file, List.of(c[0])));
            assertTrue(e.getMessage().contains(c[1]) && !e.getMessage().contains("\n"), c[0] + ": " + e.getMessage());
        }
        DinaConfig c = ConfigFiles.read(file, List.of("data.split=repeats", "data.trials=averaged", "model.imageTower=joint",
                "model.neuralAttention=direct"));
        assertEquals(org.dina.data.SplitProtocol.REPEATS, c.data().split());
        assertEquals(TrialMode.AVERAGED, c.data().trials());
        assertEquals(ImageTowerMode.JOINT, c.model().imageTower());
        assertEquals(NeuralAttentionMode.DIRECT, c.model().neuralAttention());
        String json = ConfigFiles.toJson(c), compact = json.replaceAll("\\s", "");
        assertTrue(compact.contains("\"split\":\"repeats\"") && compact.contains("\"trials\":\"averaged\"")
                && compact.contains("\"imageTower\":\"joint\"") && compact.contains("\"neuralAttention\":\"direct\""), json);
        assertEquals(c, ConfigFiles.fromJson(json, "config.json"));
    }

    @Test
    void thePaperConfigIsTheRelease() {
        DinaConfig paper = ConfigFiles.read(Path.of("configs/paper.yaml"));
        assertEquals(CrossAttention.REFERENCE, paper.model().crossAttention());
        assertEquals(Initialisation.REFERENCE, paper.model().initialisation());
        assertEquals(org.dina.nn.SsimPadding.ZERO, paper.loss().ssimPadding());
        assertEquals(MapNormalisation.MINMAX, paper.model().mapNormalisation());
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConfigFiles.read(Path.of("configs/paper.yaml"), List.of("model.crossAttention=scrambled")));
        assertTrue(e.getMessage().contains("model.crossAttention must be one of reference, clean, got scrambled"), e.getMessage());
    }

    @Test
    void aScheduleThatCannotActIsNamed() {
        DinaConfig.Train t = ConfigFiles.read(Path.of("configs/default.yaml"), List.of("train.earlyStopPatience=20", "train.plateauPatience=50")).train();
        assertTrue(t.scheduleWarning().orElseThrow().contains("train.plateauPatience 50 is not below train.earlyStopPatience 20"));
        t = ConfigFiles.read(Path.of("configs/default.yaml"), List.of("train.earlyStopPatience=20", "train.plateauPatience=10")).train();
        assertTrue(t.scheduleWarning().isEmpty());
        t = ConfigFiles.read(Path.of("configs/default.yaml"), List.of("train.epochs=30", "train.earlyStopPatience=100", "train.plateauPatience=40")).train();
        assertTrue(t.scheduleWarning().orElseThrow().contains("train.epochs 30"));
        assertTrue(ConfigFiles.builtIn("paper").train().scheduleWarning().isEmpty(), "the release's schedule acts");
    }
}
