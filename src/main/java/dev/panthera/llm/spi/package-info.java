/** The chat-model provider SPI: one implementation per kind of model server. */
package dev.panthera.llm.spi;
