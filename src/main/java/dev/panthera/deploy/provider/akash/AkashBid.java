package dev.panthera.deploy.provider.akash;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One open bid from GET /v1/bids: who offers, at what price per block. */
record AkashBid(String dseq, int gseq, int oseq, String provider, String denom, BigDecimal amount) {

    /**
     * The open bids in a /v1/bids {@code data} array. The id sits under {@code bid.id} in the
     * documented reference and under {@code bid.bid_id} in Console's schema; both are read.
     */
    static List<AkashBid> open(JsonNode data) {
        List<AkashBid> bids = new ArrayList<>();
        for (JsonNode item : data) {
            JsonNode bid = item.path("bid");
            JsonNode id = bid.has("bid_id") ? bid.path("bid_id") : bid.path("id");
            String state = bid.path("state").asString("");
            String amount = bid.path("price").path("amount").asString("");
            if (!"open".equalsIgnoreCase(state)
                    || amount.isBlank()
                    || id.path("provider").asString("").isBlank()) {
                continue;
            }
            bids.add(new AkashBid(
                    id.path("dseq").asString(""),
                    id.path("gseq").asInt(1),
                    id.path("oseq").asInt(1),
                    id.path("provider").asString(),
                    bid.path("price").path("denom").asString(""),
                    new BigDecimal(amount)));
        }
        return bids;
    }
}
