package dev.sluice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}}: gpt-4o, gpt-4o-mini and the configured extra names. */
final class ModelsEndpoint extends JsonEndpoint {

    static final String PATH = "/v1/models";
    static final List<String> BUILT_IN_MODELS = List.of("gpt-4o", "gpt-4o-mini");

    /** A fixed creation time keeps the listing identical between runs. */
    private static final long CREATED_EPOCH_SECONDS = 1_715_367_049L;

    private final SimulatorState state;

    ModelsEndpoint(ObjectMapper json, SimulatorState state) {
        super(json);
        this.state = state;
    }

    @Override
    Answer serve(HttpCall call) {
        String path = call.path();
        boolean listing = path.equals(PATH) || path.equals(PATH + "/");
        if (!listing && !path.startsWith(PATH + "/")) {
            throw new ApiErrorException(ApiError.notFound(path));
        }
        requireMethod(call, "GET");
        SimulatorSettings settings = state.settings();
        requireApiKey(call, settings);
        Set<String> models = new LinkedHashSet<>(BUILT_IN_MODELS);
        models.addAll(settings.extraModels());
        if (listing) {
            ObjectNode body = json.createObjectNode().put("object", "list");
            ArrayNode data = body.putArray("data");
            models.forEach(model -> data.add(model(model)));
            return PreparedAnswer.json(200, json, body);
        }
        String id = path.substring(PATH.length() + 1);
        if (!models.contains(id)) {
            throw new ApiErrorException(new ApiError(404, "The model '" + id + "' does not exist",
                    "invalid_request_error", "model_not_found", "model"));
        }
        return PreparedAnswer.json(200, json, model(id));
    }

    private ObjectNode model(String id) {
        return json.createObjectNode()
                .put("id", id)
                .put("object", "model")
                .put("created", CREATED_EPOCH_SECONDS)
                .put("owned_by", "sluice-simulator");
    }
}
