/** Ids, errors, configuration records and small interfaces every module may use; no beans. */
package dev.panthera.shared;
