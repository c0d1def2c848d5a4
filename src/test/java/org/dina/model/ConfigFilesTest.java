package org.dina.model;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
    @Test
    void shippedConfigsParseAndRoundTripThroughJson() {
        for (String name : new String[] {"default", "paper", "joint"}) {
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
        Files.writeString(mapTerms, good.replace("rmseWeight: 0.0, ssimWeight: 0.0", "rmseWeight: 0.25, ssimWeight: 0.5"));
        assertEquals(new DinaConfig.Loss(0.1, false, 0.25, 0.5), ConfigFiles.read(mapTerms).loss());

        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, good.replace("batch: 128", "bacth: 128"));
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(typo));
        assertTrue(e.getMessage().contains("unknown key 'train.bacth'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigFiles.read(dir.resolve("nope.yaml")));
    }
}
