package io.recon4j.report;

import io.recon4j.analysis.AttentionMap;
import io.recon4j.analysis.AttentionMapPicture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One interactive 3D viewer of a point cloud (rotate: drag, zoom: wheel, pan: right drag) with one or more
 * colourings the reader switches between (e.g. the attention of each global query).
 *
 * <p>Coordinates are shown as given, y up (three.js's convention and the model's input frame).
 */
public final class CloudView {

    /** One way of colouring the points, with the legend under the viewer. */
    record Colouring(String name, int[] rgb, String legend) {
    }

    private final String title;
    private final float[] xyz;
    private final List<Colouring> colourings = new ArrayList<>();
    private String caption = "";
    private float[] marker;

    private CloudView(String title, float[] xyz) {
        if (xyz.length % 3 != 0 || xyz.length == 0) {
            throw new IllegalArgumentException("points must be a non-empty (N, 3) array, got " + xyz.length + " values");
        }
        this.title = title;
        this.xyz = xyz;
    }

    /** @param xyz (N, 3) row-major points, inside the unit sphere @return a viewer without colourings yet */
    public static CloudView of(String title, float[] xyz) {
        return new CloudView(title, xyz);
    }

    /**
     * Adds a colouring; the first is shown first.
     *
     * @param rgb (N) 0xRRGGBB per point
     * @param legend text under the viewer while it is shown
     */
    public CloudView colouring(String name, int[] rgb, String legend) {
        if (rgb.length * 3 != xyz.length) {
            throw new IllegalArgumentException(name + ": " + rgb.length + " colours for " + xyz.length / 3 + " points");
        }
        colourings.add(new Colouring(name, rgb, legend));
        return this;
    }

    /**
     * Adds one colouring per attention map, named by its global query (or local token), in order.
     *
     * @param maps maps of this cloud's points
     * @param depth L, the encoder's blocks (for the legends)
     */
    public CloudView attention(List<AttentionMap.Result> maps, int depth) {
        for (AttentionMap.Result a : maps) {
            String name = a.spec().query() != null ? a.spec().query().cliName() : "token " + a.spec().token();
            colouring(name, AttentionMapPicture.colours(a), a.legend(depth));
        }
        return this;
    }

    /** @param text a line under the title (e.g. truth and prediction) */
    public CloudView caption(String text) {
        this.caption = text;
        return this;
    }

    /** @param xyz (3) a point to mark with a red ring (e.g. the chosen token's patch centre), or null */
    public CloudView marker(float[] xyz) {
        this.marker = xyz == null ? null : xyz.clone();
        return this;
    }

    /** @return the JSON-ready description read by viewer.js */
    Map<String, Object> toJson(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        m.put("caption", caption);
        float[] rounded = new float[xyz.length];
        for (int i = 0; i < xyz.length; i++) {
            rounded[i] = Math.round(xyz[i] * 1e4f) / 1e4f;
        }
        m.put("xyz", rounded);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Colouring c : colourings) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", c.name());
            o.put("rgb", c.rgb());
            o.put("legend", c.legend());
            cs.add(o);
        }
        m.put("colourings", cs);
        if (marker != null) {
            m.put("marker", marker);
        }
        return m;
    }
}
