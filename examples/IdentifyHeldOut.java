import java.nio.file.Path;
import org.dina.api.Dina;

/** Loads a trained run folder and identifies each held-out test trial among the candidate images. */
public class IdentifyHeldOut {
    public static void main(String[] args) throws Exception {
        Dina dina = Dina.load(Path.of(args[0]));
        Dina.HeldOut test = dina.heldOut();
        int[] guess = dina.identify(test.responses(), test.candidateImages());
        int hits = 0;
        for (int i = 0; i < guess.length; i++) if (guess[i] == test.truth()[i]) hits++;
        System.out.printf("identified %d of %d held-out trials among %d images%n", hits, guess.length, test.candidateImages().length);
    }
}
