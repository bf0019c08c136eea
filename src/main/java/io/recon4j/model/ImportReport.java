package io.recon4j.model;

import java.util.List;

/**
 * What loading a state dict into a model did, as PyTorch's non-strict {@code load_state_dict} reports it.
 *
 * @param used checkpoint keys copied into the model
 * @param ignored checkpoint keys the model has no place for (PyTorch's "unexpected keys")
 * @param missing model keys the checkpoint did not provide (they keep their initial values)
 */
public record ImportReport(List<String> used, List<String> ignored, List<String> missing) {

    /** @return a multi-line human-readable summary */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("used ").append(used.size()).append(" keys, ignored ").append(ignored.size())
                .append(", missing ").append(missing.size()).append('\n');
        if (!ignored.isEmpty()) {
            sb.append("ignored: ").append(String.join(", ", ignored)).append('\n');
        }
        if (!missing.isEmpty()) {
            sb.append("missing: ").append(String.join(", ", missing)).append('\n');
        }
        return sb.toString();
    }
}
