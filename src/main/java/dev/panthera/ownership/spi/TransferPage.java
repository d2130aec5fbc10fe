package dev.panthera.ownership.spi;

import java.util.List;

/**
 * Transfers found in a block range, and the last block scanned: the next call starts after it.
 * {@code supported} is false for chains that have no transfer logs to follow.
 */
public record TransferPage(List<ChainTransfer> transfers, long scannedThrough, boolean supported) {

    public static TransferPage unsupported() {
        return new TransferPage(List.of(), -1, false);
    }

    public static TransferPage of(List<ChainTransfer> transfers, long scannedThrough) {
        return new TransferPage(List.copyOf(transfers), scannedThrough, true);
    }
}
