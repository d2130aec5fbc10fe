/** The ownership oracle SPI: one implementation per chain family, each with a fake for tests. */
package dev.panthera.ownership.spi;
