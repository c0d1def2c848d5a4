package org.dina.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The repeatable {@code --set KEY=VALUE} config overrides, shared by the commands that train. */
public final class ConfigOverrides {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one config key, written as in YAML (repeatable): --set model.mapChannels=8 --set model.neuralMlp=[2048].")
    List<String> assignments = new ArrayList<>();
}
