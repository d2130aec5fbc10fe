package dev.panthera.llm.spi;

import java.util.List;

/** Contributes providers whose number comes from configuration (one per named upstream). */
public interface ChatModelProviderSource {

    List<ChatModelProvider> providers();
}
