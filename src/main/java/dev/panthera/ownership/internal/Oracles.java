package dev.panthera.ownership.internal;

import dev.panthera.ownership.spi.OwnershipOracle;
import dev.panthera.shared.PantheraProperties.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Finds the oracle serving a collection's chain. */
@Component
class Oracles {

    private final Map<String, OwnershipOracle> byChain = new HashMap<>();

    Oracles(List<OwnershipOracle> oracles, CollectionCatalog catalog) {
        for (OwnershipOracle oracle : oracles) {
            if (byChain.putIfAbsent(oracle.chain(), oracle) != null) {
                throw new IllegalStateException("Two ownership oracles for chain '" + oracle.chain() + "'");
            }
        }
        for (Collection c : catalog.all()) {
            if (!byChain.containsKey(c.chain())) {
                throw new IllegalStateException("No ownership oracle for chain '" + c.chain() + "' (collection "
                        + c.id() + "); chains: " + CollectionCatalog.CHAINS);
            }
        }
    }

    OwnershipOracle of(Collection c) {
        return byChain.get(c.chain());
    }
}
