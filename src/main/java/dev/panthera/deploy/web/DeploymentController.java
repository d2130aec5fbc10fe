package dev.panthera.deploy.web;

import dev.panthera.deploy.DeploymentService;
import dev.panthera.deploy.DeploymentService.DeployCommand;
import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.web.DeploymentDtos.DeploymentList;
import dev.panthera.deploy.web.DeploymentDtos.DeploymentRequest;
import dev.panthera.deploy.web.DeploymentDtos.DeploymentResponse;
import dev.panthera.deploy.web.DeploymentDtos.DeploymentStatus;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Deploy the agent of an NFT you hold, watch it, stop it (seed 000 deployment models). */
@RestController
@Validated
@Tag(
        name = "deployments",
        description = "Run the agent of an NFT you hold on a provider (local, kubernetes, docker,"
                + " akash, secret_vm) and follow its lifecycle")
class DeploymentController {

    private final DeploymentService deployments;
    private final Clock clock;

    DeploymentController(DeploymentService deployments, Clock clock) {
        this.deployments = deployments;
        this.clock = clock;
    }

    @PostMapping("/v1/deployments")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Deploy the NFT's agent (seed 000 DeploymentRequest); 202 with the pending deployment. One"
                    + " active deployment per NFT (409 names it); resources within CPU 0.5-4, memory 1-8 GB, GPU"
                    + " 0-1, disk 1-10 GB")
    DeploymentResponse create(
            @AuthenticationPrincipal WalletPrincipal principal, @RequestBody DeploymentRequest request) {
        return DeploymentResponse.of(deployments.create(
                principal,
                new DeployCommand(
                        request.collection(), request.nftTokenId(), request.provider(), request.resources())));
    }

    @GetMapping("/v1/deployments/{id}")
    @Operation(
            summary = "A deployment of yours (seed 000 DeploymentStatus): status, endpoint, resources, health, uptime")
    DeploymentStatus get(@AuthenticationPrincipal WalletPrincipal principal, @PathVariable UUID id) {
        return DeploymentStatus.of(deployments.get(principal, id), clock.instant());
    }

    @GetMapping("/v1/deployments")
    @Operation(summary = "Your deployments, newest first, optionally by status and provider")
    DeploymentList list(
            @AuthenticationPrincipal WalletPrincipal principal,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String provider,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        DeploymentState state = null;
        if (status != null && !status.isBlank()) {
            state = DeploymentState.fromId(status);
            if (state == null) {
                throw PantheraException.validation("Unknown status '" + status + "'");
            }
        }
        var page = deployments.list(principal, state, provider, limit, offset).stream()
                .map(d -> DeploymentStatus.of(d, clock.instant()))
                .toList();
        return new DeploymentList(page, limit, offset);
    }

    @DeleteMapping("/v1/deployments/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Stop a deployment; 202 while it stops (a stopped or failed one is returned as it is)")
    DeploymentStatus stop(@AuthenticationPrincipal WalletPrincipal principal, @PathVariable UUID id) {
        return DeploymentStatus.of(deployments.stop(principal, id), clock.instant());
    }
}
