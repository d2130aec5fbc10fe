/** Test support: recorded API exchanges replayed from a JDK HttpServer for the provider tests. */
package dev.panthera.deploy.provider.replay;
