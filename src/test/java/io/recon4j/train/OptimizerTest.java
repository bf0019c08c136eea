package io.recon4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.nn.LinearLayer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** AdamW, the official parameter groups, the timm cosine schedule and global-norm clipping. */
@Tag("fast")
class OptimizerTest {

    @Test
    void cosineScheduleMatchesTimmAndTheRunnersOffByOne() {
        CosineSchedule s = new CosineSchedule(5e-4, 1e-6, 300, 10, 1e-6);
        assertEquals(1e-6, s.at(0), 1e-15);
        assertEquals(1e-6 + 5 * (5e-4 - 1e-6) / 10, s.at(5), 1e-15);
        assertEquals(1e-6 + 0.5 * (5e-4 - 1e-6) * (1 + Math.cos(Math.PI * 150 / 300)), s.at(150), 1e-15);
        assertEquals(1e-6, s.at(300), 1e-15);
        // scheduler.step(epoch) runs at the end of the epoch: epoch e trains with lr(e-1).
        assertEquals(s.at(0), s.forEpoch(0), 0);
        assertEquals(s.at(0), s.forEpoch(1), 0);
        assertEquals(s.at(41), s.forEpoch(42), 0);
    }

    @Test
    void officialGroupsDecayOnlyMatricesThatAreNotTokens() {
        ReconConfig cfg = new ReconConfig(16, 1, 2, 1, 2, 4, 4, 16, 0.5f, 0f);
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier model = ReconClassifier.builder(cfg).setClasses(3).build();
            model.initialize(m);
            Map<String, Parameter> trainable = GroupedAdamW.select(model.stateDict(), k -> true);
            try (GroupedAdamW pre = new GroupedAdamW(m, trainable, ParamGroups.pretraining(0.05f));
                 GroupedAdamW ft = new GroupedAdamW(m, trainable, ParamGroups.finetuning(0.05f, 10f))) {
                Map<String, GroupedAdamW.Group> g = pre.groups();
                assertEquals(0f, g.get("img_token").weightDecay());
                assertEquals(0.05f, g.get("img_pos").weightDecay(), "pos vectors are 3-D and not 'token': decayed, as official");
                assertEquals(0f, g.get("norm.weight").weightDecay());
                assertEquals(0f, g.get("encoder.first_conv.0.bias").weightDecay());
                assertEquals(0.05f, g.get("encoder.first_conv.0.weight").weightDecay());
                assertTrue(!trainable.containsKey("encoder.first_conv.1.running_mean"), "buffers are not optimised");
                Map<String, GroupedAdamW.Group> f = ft.groups();
                assertEquals(new GroupedAdamW.Group(10f, 0.05f), f.get("cls_token"), "cls* get 10x lr and decay, any shape");
                assertEquals(new GroupedAdamW.Group(10f, 0.05f), f.get("cls_head_finetune.0.bias"));
                assertEquals(new GroupedAdamW.Group(1f, 0f), f.get("text_token"));
                long head = f.values().stream().filter(x -> x.lrScale() == 10f).count();
                assertEquals(2 + 10, head, "cls_token, cls_pos and the 10 head weights/biases");
            }
        }
    }

    @Test
    void adamWStepMatchesTheTorchFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            LinearLayer layer = new LinearLayer(3, 2, true);
            layer.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            Map<String, Parameter> params = layer.stateDict();
            float[] w0 = params.get("weight").getArray().toFloatArray();
            try (GroupedAdamW opt = new GroupedAdamW(m, params, ParamGroups.pretraining(0.05f))) {
                float[][] grads = new float[2][];
                float[] w = w0.clone();
                double[] mom = new double[6];
                double[] vel = new double[6];
                for (int step = 1; step <= 2; step++) {
                    NDArray x = m.create(new float[] {1f, -2f, 0.5f * step}, new Shape(1, 3));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(layer.forward(new ParameterStore(m, false), x, true).square().sum());
                    }
                    grads[step - 1] = params.get("weight").getArray().getGradient().toFloatArray();
                    opt.step(1e-2);
                    // torch.optim.AdamW: p -= lr*wd*p; m,v moments; p -= lr * m̂ / (sqrt(v̂) + eps)
                    for (int i = 0; i < 6; i++) {
                        double g = grads[step - 1][i];
                        double p = w[i] * (1 - 1e-2 * 0.05);
                        mom[i] = 0.9 * mom[i] + 0.1 * g;
                        vel[i] = 0.999 * vel[i] + 0.001 * g * g;
                        double mh = mom[i] / (1 - Math.pow(0.9, step));
                        double vh = vel[i] / (1 - Math.pow(0.999, step));
                        w[i] = (float) (p - 1e-2 * mh / (Math.sqrt(vh) + 1e-8));
                    }
                    float[] got = params.get("weight").getArray().toFloatArray();
                    for (int i = 0; i < 6; i++) {
                        assertEquals(w[i], got[i], 2e-6, "step " + step + " weight " + i);
                    }
                }
                assertEquals(2, opt.stepCount());
            }
        }
    }

    @Test
    void globalNormClippingScalesAllGradientsTogether() {
        try (NDManager m = NDManager.newBaseManager()) {
            LinearLayer layer = new LinearLayer(2, 2, true);
            layer.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(layer.forward(new ParameterStore(m, false), m.create(new float[] {3f, 4f}, new Shape(1, 2)), true)
                        .mul(100f).sum());
            }
            List<Parameter> params = List.copyOf(layer.stateDict().values());
            double norm;
            try (NDManager scratch = m.newSubManager()) {
                norm = GradClip.norm(params, 1.0, scratch);
            }
            // d/dW of 100·sum(Wx + b): rows of 100·x, bias 100 → norm 100·sqrt(2·25 + 2).
            assertEquals(100 * Math.sqrt(52), norm, 1e-2);
            double after = 0;
            for (Parameter p : params) {
                after += p.getArray().getGradient().square().sum().getFloat();
            }
            assertEquals(1.0, Math.sqrt(after), 1e-4);
            try (NDManager scratch = m.newSubManager()) {
                assertEquals(1.0, GradClip.norm(params, 0, scratch), 1e-4, "limit 0 only measures");
            }
        }
    }
}
