package io.recon4j.protocol;

import io.recon4j.eval.ConfusionMatrix;
import io.recon4j.eval.LinearSvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-made finished results, as the protocols write them, for tests that read run folders back. */
public final class RunFolders {

    private RunFolders() {
    }

    /** A finished few-shot fold {@code k} of run folder {@code run}: its split file (same bytes for the same split) and result. */
    public static void fold(Path run, int k, String split, double best) throws IOException {
        Path dir = Files.createDirectories(run.resolve("fold-" + k));
        Files.writeString(dir.resolve("fold.json"), "{\"split\":\"" + split + "\"}\n");
        Files.writeString(dir.resolve("result.json"), "{\"fold\":" + k + ",\"best_acc\":" + best + ",\"best_epoch\":1}\n");
    }

    /** Fold {@code k} of {@code method}'s 5-way run in a claims run folder ({@code fs-5w-METHOD}); one seed: split = fold. */
    public static void methodFold(Path run, String method, int k, double best) throws IOException {
        fold(run.resolve("fs-5w-" + method), k, "s" + k, best);
    }

    /** {@code svm-METHOD/svm.md} in {@code run}, written by {@link SvmProtocol.Result#toMarkdown(String)}. */
    public static void svm(Path run, String method, double accuracy) throws IOException {
        SvmProtocol.Result r = new SvmProtocol.Result(accuracy, ConfusionMatrix.ofClasses(2), 10, 4, 256, 1, 1,
                new SvmProtocol.Logistic(50, 1, 50), LinearSvm.Options.official(),
                TestPredictions.ofProbes(java.util.List.of("a", "b"), java.util.List.of(), new int[0], new int[0], new int[0]));
        Files.createDirectories(run.resolve("svm-" + method));
        Files.writeString(run.resolve("svm-" + method).resolve("svm.md"), r.toMarkdown("test encoder"));
    }

    /**
     * Predictions on {@code right.length} test shapes {@code s0, s1, ...} labelled 0, 1, 2, 0, ... over three classes: the SVM
     * right where {@code right} says so, the logistic probe right on every shape.
     */
    public static TestPredictions predictions(boolean[] right) {
        return predictions("s", right);
    }

    /** As {@link #predictions(boolean[])}, with the shapes named {@code prefix + index}. */
    public static TestPredictions predictions(String prefix, boolean[] right) {
        int n = right.length;
        int[] labels = new int[n];
        int[] svm = new int[n];
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            svm[i] = right[i] ? labels[i] : (labels[i] + 1) % 3;
            ids.add(prefix + i);
        }
        return TestPredictions.ofProbes(java.util.List.of("bed", "chair", "desk"), ids, labels, svm, labels.clone());
    }

    /** n shapes, right where {@code p} holds. */
    public static boolean[] rightOn(int n, java.util.function.IntPredicate p) {
        boolean[] r = new boolean[n];
        for (int i = 0; i < n; i++) {
            r[i] = p.test(i);
        }
        return r;
    }

    /** {@code svm-METHOD/predictions.json} in {@code run}; returns the SVM run folder. */
    public static Path svmPredictions(Path run, String method, TestPredictions p) throws IOException {
        Path dir = Files.createDirectories(run.resolve("svm-" + method));
        p.write(dir.resolve(TestPredictions.FILE));
        return dir;
    }
}
