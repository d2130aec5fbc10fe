package dev.panthera.deploy.web;

import dev.panthera.chat.ChannelKind;
import dev.panthera.deploy.DeploymentService;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code deployment:<uuid>} on the WebSocket (and {@code /v1/ws/deployments/<uuid>}): the seed 000
 * updates of one deployment, for whoever may read it over HTTP. Reading it through {@link
 * DeploymentService#get} is the check, so the answers match {@code GET /v1/deployments/{id}}: a
 * deployment that is not the caller's is NOT_FOUND, like one that does not exist. Like the
 * deployment routes, it needs a wallet session: an API key is FORBIDDEN.
 */
@Component
final class DeploymentChannel implements ChannelKind {

    static final String NAME = "deployment";

    private final DeploymentService deployments;
    private final DeploymentFrames frames;

    DeploymentChannel(DeploymentService deployments, JsonMapper json) {
        this.deployments = deployments;
        this.frames = new DeploymentFrames(json);
    }

    static String channel(UUID deploymentId) {
        return NAME + ":" + deploymentId;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String authorize(WalletPrincipal caller, String id) {
        if (caller.viaApiKey()) {
            throw new PantheraException(
                    ProblemCode.FORBIDDEN, "Deployments need a wallet session; API keys are for model calls only");
        }
        UUID deploymentId = parse(id);
        deployments.get(caller, deploymentId);
        return deploymentId.toString();
    }

    @Override
    public String canonical(String id) {
        return parse(id).toString();
    }

    @Override
    public List<String> current(WalletPrincipal caller, String id) {
        return frames.current(deployments.get(caller, parse(id)));
    }

    private static UUID parse(String id) {
        try {
            if (id.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw PantheraException.validation("A deployment channel is deployment:<uuid>");
        }
    }
}
