package io.github.sparkwheel.livy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;

/** A batch as Livy describes it: its id, state, YARN application and where its UI is. */
public final class LivyBatch {

    public final int id;
    /** {@code not_started}, {@code starting}, {@code running}, {@code success}, {@code dead}, {@code killed}, … */
    public final String state;
    /** The YARN application's id once Livy found it, else {@code null}. */
    public final String appId;
    /** {@code appInfo.sparkUiUrl}: YARN's tracking URL, while there is one. */
    public final String trackingUrl;

    LivyBatch(int id, String state, String appId, String trackingUrl) {
        this.id = id;
        this.state = state;
        this.appId = appId;
        this.trackingUrl = trackingUrl;
    }

    static LivyBatch of(JsonObject json) {
        JsonObject info = json.has("appInfo") && json.get("appInfo").isJsonObject() ? json.getAsJsonObject("appInfo")
                : new JsonObject();
        return new LivyBatch(json.has("id") ? json.get("id").getAsInt() : -1, text(json, "state"), text(json, "appId"),
                text(info, "sparkUiUrl"));
    }

    private static String text(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    /** Whether the batch has ended: {@code success}, {@code dead}, {@code killed} or {@code error}. */
    public boolean ended() {
        return succeeded() || failed();
    }

    public boolean succeeded() {
        return "success".equals(state);
    }

    /** {@code dead}, {@code killed} or {@code error}: Livy's words for an application that did not succeed. */
    public boolean failed() {
        String s = state == null ? "" : state.toLowerCase(Locale.ROOT);
        return s.equals("dead") || s.equals("killed") || s.equals("error");
    }
}
