package io.recon4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.recon4j.model.Patches;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.SvmPart;
import io.recon4j.nn.NoGrad;
import java.util.Objects;

/**
 * Runs a {@link ReconClassifier} in eval mode (BatchNorm running statistics, no dropout or drop path) on
 * raw point batches: groups each batch in Java (FPS + kNN), then gives logits or the SVM feature.
 * Each call works in its own sub-manager of the model's manager, records no autograd graph, and returns plain arrays.
 */
public final class ModelClassifier {

    private final ReconClassifier model;
    private final NDManager manager;
    private final ParameterStore ps;

    /**
     * @param model an initialised classifier
     * @param manager the manager that owns the model's parameters
     */
    public ModelClassifier(ReconClassifier model, NDManager manager) {
        this.model = Objects.requireNonNull(model, "model");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.ps = new ParameterStore(manager, false);
    }

    /** @return the model */
    public ReconClassifier model() {
        return model;
    }

    /** @return the class logits (B, K) as a {@link CloudFunction} */
    public CloudFunction logits() {
        return function(model.classes(), null, -1);
    }

    /** @return the official linear-SVM feature (B, 2C per tower) of the encoder as a {@link CloudFunction} */
    public CloudFunction svmFeatures() {
        return svmFeatures(-1, SvmPart.BOTH);
    }

    /**
     * @param tower a tower index of the model ({@link ReconClassifier#towerCount()})
     * @return that tower's linear-SVM feature alone (B, 2C)
     */
    public CloudFunction svmFeatures(int tower) {
        if (tower < 0) {
            throw new IllegalArgumentException("tower " + tower + ": the model has " + model.towerCount() + " tower(s)");
        }
        return svmFeatures(tower, SvmPart.BOTH);
    }

    /**
     * @param tower a tower index of the model ({@link ReconClassifier#towerCount()}), or -1 for every tower
     * @param part which half of each tower's feature to keep
     * @return that part of the linear-SVM feature (B, {@code part.width(C)} per tower probed)
     */
    public CloudFunction svmFeatures(int tower, SvmPart part) {
        if (tower < -1 || tower >= model.towerCount()) {
            throw new IllegalArgumentException("tower " + tower + ": the model has " + model.towerCount() + " tower(s)");
        }
        int towers = tower < 0 ? model.towerCount() : 1;
        return function(model.svmWidth(part) / model.towerCount() * towers, part, tower);
    }

    // svm: the SVM feature part to give, or null for the logits; tower -1: every tower.
    private CloudFunction function(int width, SvmPart svm, int tower) {
        return new CloudFunction() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public float[] apply(float[] points, int batch, int numPoints) {
                // No autograd graph: without it every activation would stay alive until the logits are closed.
                try (NoGrad off = NoGrad.open(); NDManager step = manager.newSubManager()) {
                    Patches patches = model.patching().patchify(step.create(points, new Shape(batch, numPoints, 3)));
                    NDArray out = svm == null ? model.forward(ps, patches, false)
                            : model.svmFeature(ps, patches, false, tower, svm);
                    return out.toFloatArray();
                }
            }
        };
    }
}
